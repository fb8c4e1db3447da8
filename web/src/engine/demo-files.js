// The demo data set's files (public/demo/), fetched once per worker. The
// worker starts fetching them when it starts, while the engine module
// compiles, so that a first visit does not wait for one and then the other.
const DEMO_FILES = ['ratings.csv', 'movies.csv'];
const fetched = new Map(); // base URL -> Promise<[Blob named demo/...]>

export function demoFiles(baseUrl) {
  const key = String(baseUrl);
  if (!fetched.has(key)) {
    const files = Promise.all(
      DEMO_FILES.map(async (name) => {
        const response = await fetch(new URL(`demo/${name}`, baseUrl));
        if (!response.ok) throw new Error(`the demo data set is missing (${name}: HTTP ${response.status})`);
        return Object.assign(await response.blob(), { name: `demo/${name}` });
      }),
    );
    files.catch(() => fetched.delete(key)); // a failure is not kept: the next call tries again
    fetched.set(key, files);
  }
  return fetched.get(key);
}

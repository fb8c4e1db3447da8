// A demo data set's files (engine/demo-sets.js), fetched once per worker and
// set. The worker starts fetching the page's set when it starts, while the
// engine module compiles, so that a first visit does not wait for one and
// then the other.
import { DEMO_SETS, demoSetName } from './demo-sets.js';

const fetched = new Map(); // base URL + set -> Promise<[Blob named as the loader should see it]>

export function demoFiles(baseUrl, set) {
  const name = demoSetName(set);
  const { folder, as, files } = DEMO_SETS[name];
  const key = `${baseUrl}\n${name}`;
  if (!fetched.has(key)) {
    const blobs = Promise.all(
      files.map(async (file) => {
        const response = await fetch(new URL(`${folder}${file}`, baseUrl));
        if (!response.ok) throw new Error(`the demo data set is missing (${folder}${file}: HTTP ${response.status})`);
        return Object.assign(await response.blob(), { name: `${as}${file}` });
      }),
    );
    blobs.catch(() => fetched.delete(key)); // a failure is not kept: the next call tries again
    fetched.set(key, blobs);
  }
  return fetched.get(key);
}

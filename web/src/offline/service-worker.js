// The site's service worker (emitted as dist/sw.js by the build, which fills
// in BUILD_ID and PRECACHE). Two jobs:
//  1. Cross-origin isolation where the host cannot send headers (GitHub
//     Pages): every response it serves carries COOP/COEP, so the page gets
//     SharedArrayBuffer and the threads build (the "coi-serviceworker" idea).
//  2. Offline: on install it stores the whole site (app, both engine builds,
//     demo data); afterwards everything is served from that copy, so the page
//     works offline and makes no network request once loaded.
const BUILD_ID = '__BUILD_ID__';
const PRECACHE = __PRECACHE__;
const CACHE = `als-movies-${BUILD_ID}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(
        PRECACHE.map((path) => new Request(new URL(path, self.registration.scope), { cache: 'reload' })),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith('als-movies-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function isolated(response) {
  if (response.status === 0) return response; // opaque: leave alone
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  // Pages: the stored copy (ignoring ?query), else the network.
  // ignoreVary: `vite preview` and many hosts send Vary: Origin, and the app's
  // crossorigin module scripts would never match their stored copies.
  const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate', ignoreVary: true });
  if (cached) return isolated(cached);
  try {
    return isolated(await fetch(request));
  } catch (error) {
    if (request.mode === 'navigate') {
      const shell = await cache.match(new URL('./', self.registration.scope));
      if (shell) return isolated(shell);
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

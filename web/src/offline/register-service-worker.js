// Registers the site's service worker (dist/sw.js, see service-worker.js) and,
// on hosts that cannot send the isolation headers, reloads once so the page
// comes back cross-origin isolated (threads build). Without service workers
// the page still works, on the single-threaded build.
const RELOAD_FLAG = 'als-movies-isolation-reload';

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return { registered: false };
  if (import.meta.env?.DEV) return { registered: false }; // the dev server has no sw.js
  try {
    const registration = await navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' });
    await navigator.serviceWorker.ready;
    if (!window.crossOriginIsolated && !sessionStorage.getItem(RELOAD_FLAG)) {
      sessionStorage.setItem(RELOAD_FLAG, '1'); // once: never a reload loop
      if (navigator.serviceWorker.controller) window.location.reload();
      else navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
      return { registered: true, reloading: true };
    }
    return { registered: true, registration };
  } catch (error) {
    return { registered: false, error: error.message };
  }
}

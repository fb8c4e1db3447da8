// Entry: render the page, then start the engine (restore the last visit or
// train the demo). The service worker (web/src/offline/) makes the page
// cross-origin isolated on hosts that cannot send headers: when the page is
// not isolated yet, it may reload once, so the engine waits for it briefly.
import { render } from 'preact';
import { App } from './components/App.jsx';
import { startApp } from './app/startup.js';
import { showEarlyAnswers } from './app/first-answers.js';
import { shippedAnswersOfPage } from './app/shipped-answers.js';
import { registerServiceWorker } from './offline/register-service-worker.js';
import { client } from './app/engine.js';
import { getState } from './app/store.js';
import './styles/base.css';

// The first card's answers known beforehand (the demo listener's on a first
// visit, last time's on a later one) are in the first render, even while a
// page that is not isolated yet waits for its service worker.
showEarlyAnswers(shippedAnswersOfPage());
// An isolated page starts the engine before the first render (it takes the
// longest: the worker, the wasm compile, the threads).
const isolated = window.crossOriginIsolated;
const started = isolated ? startApp() : null;
render(<App />, document.getElementById('app'));
// For browser tests and the curious: the engine client and the app state.
window.alsMovies = { client, getState };

async function boot() {
  if (isolated) {
    // The offline copy (the service worker fetches the whole site) waits for
    // the first screen, so as not to compete with it.
    started.finally(() => registerServiceWorker());
    return;
  }
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ timedOut: true }), 3000));
  const result = await Promise.race([registerServiceWorker(), timeout]);
  if (!result.reloading) startApp();
}
boot();

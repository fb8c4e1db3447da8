// The map's own worker: the UMAP layout is seconds of JavaScript for a large
// catalog, and on the engine worker it would hold up every query. It gets
// the (chosen rows of the) item factors and answers with the 2-D points.
//   main -> worker  { values: Float32Array, rows, factors, seed, init: Float32Array (the rows' PCA plane),
//                     weights: Float32Array | null (the Similar step's shrinkage per row) }
//   worker -> main  { progress: { phase, fraction } } …, then { xy } or { error }
import { umapLayout } from './umap-layout.js';

self.onmessage = (event) => {
  const { values, rows, factors, seed, init, weights } = event.data;
  try {
    let lastPost = 0;
    const xy = umapLayout(values, rows, factors, {
      seed,
      init,
      weights,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastPost < 80 && progress.fraction < 1) return;
        lastPost = now;
        self.postMessage({ progress });
      },
    });
    self.postMessage({ xy }, [xy.buffer]);
  } catch (e) {
    self.postMessage({ error: e?.message || String(e) });
  }
};

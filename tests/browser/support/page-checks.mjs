// Checks that walk the whole page, whatever its steps are (they find the
// sections in the DOM, so steps added later are checked too): sideways
// overflow, axe-core's accessibility rules, text left in English when the
// page is in Korean, and alerts lying over controls.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The page's steps: [{ id, title }] in page order.
export function sectionsOf(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main section[id]')].map((s) => ({
      id: s.id,
      title: s.querySelector('h2')?.textContent.trim(),
    })),
  );
}

// Every element that reaches past the window's left or right edge (unless a
// scrolling or clipping box it lives in is itself inside the window), and
// the document's own scroll width. -> { scrollWidth, width, offenders: [text] }
export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [];
    const clippedInside = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible') {
          const r = a.getBoundingClientRect();
          return r.left >= -1 && r.right <= width + 1;
        }
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // visually hidden (sr-only), or nothing drawn
      if (r.right <= width + 1 && r.left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      if (clippedInside(el)) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      const section =
        el.closest('section[id]')?.id ?? el.closest('header, nav, footer')?.tagName.toLowerCase() ?? 'page';
      offenders.push(
        `${section}: ${name} spans ${Math.round(r.left)}..${Math.round(r.right)} px of ${width} ("${(el.textContent || '').trim().slice(0, 40)}")`,
      );
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders };
  });
}

// axe-core on the whole page: the serious and critical violations, one line each.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE_SOURCE });
  // Colours are read as they end up: a button just pressed turns its text
  // white at once while its background fades in for 120 ms, and axe would
  // measure the halfway mix on a fast machine (spinners never finish: skipped).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(' | ')}`);
}

// Words that read the same in a Korean page: names, formats, units, maths
// ("latest small": the data set MovieLens latest-small).
const SAME_IN_KOREAN = new Set(
  `
  ALS SIMD WebAssembly COOP COEP CSR CSV TSV UTF Latin MovieLens GroupLens Last fm Spark BM25 CG Hu Koren Volinsky
  implicit Python AUC MAP NDCG Precision ROC PCA UMAP K KB MB GB ms me item user value title id English IMDb TMDb
  macOS ZIP gzip bzip2 xz Zip RAR PDF Microsoft Office SQLite Parquet Windows TIFF Ogg MP3 WebP WAV AVI MP4 QuickTime
  PNG JPEG GIF C++ zip als min log npz npy numpy alpha regParam ID latest small
  AlternatingLeastSquares implicitPrefs False BPR BayesianPersonalizedRanking LMF LogisticMatrixFactorization
  BM25Recommender CosineRecommender TFIDFRecommender TF IDF K1 B RMSE MAE kNN SGD Hogwild
`
    .trim()
    .split(/\s+/),
);

// Visible text (and accessible names: aria-label, title, placeholder) that
// is still English in a Korean page and is not data: titles, genres and
// file names (from the app's state, or marked translate="no"), numbers,
// units and names are left out. skip: selectors whose text is known to stay
// English. -> ['section: "text"']
export function untranslatedText(page, { skip = [] } = {}) {
  return page.evaluate(
    ({ same, skip }) => {
      const allowed = new Set(same);
      const s = window.alsMovies.getState();
      const data = new Set();
      const add = (x) => {
        if (x && String(x).trim()) data.add(String(x).trim());
      };
      const table = s.model.table;
      if (table) {
        table.titles.forEach(add);
        table.genres.forEach((g) => {
          g.forEach(add);
          add(g.join(', '));
        });
      }
      s.favorites.forEach((f) => add(f.title));
      (s.data.summary?.files ?? []).forEach((f) => add(f.file));
      (s.data.source?.names ?? []).forEach(add);
      const dataList = [...data].sort((a, b) => b.length - a.length);
      const englishLeft = (text) => {
        let rest = ` ${text} `;
        if (data.has(text.trim())) return '';
        for (const d of dataList) if (d.length > 2 && rest.includes(d)) rest = rest.split(d).join(' ');
        // File names, paths, identifiers and formulas: u.data, ml-1m/ratings.dat, x_me, user,item,value
        // (a hyphen alone makes an English word, "fold-in", unless a digit is there: ml-100k).
        rest = rest.replace(/\S*[A-Za-z0-9][._/:@,|\\][A-Za-z0-9]\S*/g, ' ').replace(/\S*\d\S*-\S*|\S*-\S*\d\S*/g, ' ');
        // An English term glossed in brackets right after the Korean word: 끼워 넣습니다(fold-in).
        rest = rest.replace(/([\uac00-\ud7a3])\(([A-Za-z][A-Za-z -]*)\)/g, '$1');
        const words = rest.match(/[A-Za-z][A-Za-z0-9+]*/g) ?? [];
        return words.filter((w) => !allowed.has(w) && !(w.length === 1 && /[A-Za-z]/.test(w))).join(' ');
      };
      const shown = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (style.display === 'none' || style.visibility === 'hidden') return false;
          if (e.getAttribute?.('translate') === 'no') return false;
          if (skip.some((sel) => e.matches?.(sel))) return false;
        }
        return true;
      };
      const where = (el) =>
        el.closest('section[id]')?.id ?? el.closest('header, nav, footer')?.tagName.toLowerCase() ?? 'page';
      const found = new Set();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const parent = node.parentElement;
        if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || !shown(parent)) continue;
        const left = englishLeft(text);
        if (left) found.add(`${where(parent)}: "${text.slice(0, 120)}" (${left})`);
      }
      for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [aria-valuetext]')) {
        if (!shown(el)) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
          const text = el.getAttribute(attr)?.trim();
          if (!text) continue;
          const left = englishLeft(text);
          if (left) found.add(`${where(el)}: ${attr}="${text.slice(0, 120)}" (${left})`);
        }
      }
      return [...found];
    },
    { same: [...SAME_IN_KOREAN], skip },
  );
}

// Alerts (errors, notices, banners) that lie over a control they do not contain.
export function alertsOverControls(page) {
  return page.evaluate(() => {
    // The part of an element that can be seen: its box cut by every scrolling or clipping box around it.
    const visibleBox = (el) => {
      const r = el.getBoundingClientRect();
      let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        [left, top, right, bottom] = [
          Math.max(left, c.left),
          Math.max(top, c.top),
          Math.min(right, c.right),
          Math.min(bottom, c.bottom),
        ];
      }
      return { left, top, right, bottom, width: right - left, height: bottom - top };
    };
    const boxes = (sel) =>
      [...document.querySelectorAll(sel)]
        .map((el) => ({ el, r: visibleBox(el) }))
        .filter((b) => b.r.width > 1 && b.r.height > 1);
    const alerts = boxes('.alert, [data-testid=engine-banner]');
    const controls = boxes(
      'button, a[href], input:not(.sr-only), select, textarea, [role=radio], [tabindex]:not([tabindex="-1"])',
    );
    const out = [];
    for (const a of alerts) {
      for (const c of controls) {
        if (a.el.contains(c.el) || c.el.contains(a.el)) continue;
        const overlap = a.r.left < c.r.right && c.r.left < a.r.right && a.r.top < c.r.bottom && c.r.top < a.r.bottom;
        if (overlap)
          out.push(
            `"${a.el.textContent.trim().slice(0, 50)}" covers ${c.el.tagName.toLowerCase()} "${(c.el.textContent || c.el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
          );
      }
    }
    return out;
  });
}

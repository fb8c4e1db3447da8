// Why a movie scores what it does: each favorite's contribution
// (C_j · y_iᵀ W y_j) as a horizontal bar, positive to the right, negative
// to the left, and their sum written out, equal to the score shown.
import { formatScore, formatSignedScore } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { useWords } from '../../app/words.js';
import { formatInt } from '../../app/format.js';
import './ContributionBars.css';

export function ContributionBars({ explanation, favorites, table }) {
  const t = useT();
  const plays = useWords().words.plays; // a favorite's value is its play count, not stars
  // (Array.from: the favorites may come as typed arrays, whose map() cannot make pairs.)
  const ratingOf = new Map(Array.from(favorites.items, (item, k) => [item, favorites.values[k]]));
  const rows = Array.from(explanation.items, (item, k) => ({ item, value: explanation.contributions[k] })).sort(
    (a, b) => Math.abs(b.value) - Math.abs(a.value),
  );
  const max = Math.max(1e-12, ...rows.map((r) => Math.abs(r.value)));
  const sum = rows.reduce((s, r) => s + r.value, 0);
  return (
    <div class="contributions" data-testid="contribution-bars">
      <ul aria-label={t('explain.listLabel')}>
        {rows.map((r) => {
          const width = (Math.abs(r.value) / max) * 50;
          return (
            <li key={r.item} data-testid="contribution-row" data-value={r.value}>
              <span class="c-title" title={table.titles[r.item]}>
                {plays ? (
                  <span class="c-rating">{t('support.plays', { count: formatInt(ratingOf.get(r.item)) })}</span>
                ) : (
                  <span class="c-rating" aria-label={t('favorites.stars', { count: ratingOf.get(r.item) })}>
                    {ratingOf.get(r.item)}★
                  </span>
                )}{' '}
                {table.titles[r.item]}
              </span>
              <span class="c-bar" aria-hidden="true">
                <span class="c-axis" />
                <span
                  class={r.value >= 0 ? 'c-fill pos' : 'c-fill neg'}
                  style={r.value >= 0 ? { left: '50%', width: `${width}%` } : { right: '50%', width: `${width}%` }}
                />
              </span>
              <span class={`c-value num ${r.value < 0 ? 'neg' : ''}`}>{formatSignedScore(r.value)}</span>
            </li>
          );
        })}
      </ul>
      <p class="c-sum num" data-testid="explanation-sum" data-sum={sum} data-score={explanation.score}>
        {t('explain.sum', { count: rows.length })} <strong>= {formatScore(sum)}</strong>
        <span class="muted small"> {t('explain.equalsScore', { score: formatScore(explanation.score) })}</span>
      </p>
    </div>
  );
}

// Step 5: the movies nearest to one movie by the cosine of their factors.
// Picked here by search, or by clicking a movie anywhere on the page.
import { useStore } from '../../app/store.js';
import { showSimilar } from '../../app/query-actions.js';
import { formatNumber } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { TitleSearch } from '../TitleSearch/TitleSearch.jsx';
import { MovieTitle } from '../MovieTitle.jsx';
import './SimilarMovies.css';

export function SimilarMovies() {
  const t = useT();
  const similar = useStore((s) => s.similar);
  const table = useStore((s) => s.model.table);
  const result = similar.result;
  return (
    <div class="similar stack">
      <TitleSearch label={t('similar.searchLabel')} placeholder={t('similar.searchPlaceholder')} testid="similar-search"
        onPick={(index) => showSimilar(index)} />
      {!result && !similar.missing && <p class="muted">{table ? t('similar.prompt') : t('recs.noModel')}</p>}
      {similar.missing && <p class="note warn">{t('similar.missing')}</p>}
      {result && table && (
        <>
          <h3 class="similar-target" data-testid="similar-target" data-item={result.item}>
            {t('similar.to')} <span class="target-title">{table.titles[result.item]}</span>
            <span class="genres"> · {table.genres[result.item].join(', ')}</span>
          </h3>
          <ol class="similar-list" data-testid="similar-list">
            {result.items.map((index, k) => (
              <li key={index} data-testid="similar-row" data-item={index} data-score={result.scores[k]}>
                <span class="rank num" aria-hidden="true">{k + 1}</span>
                <span class="s-title"><MovieTitle index={index} title={table.titles[index]} genres={table.genres[index]} /></span>
                <span class="s-bar" aria-hidden="true"><span style={{ width: `${Math.max(0, result.scores[k]) * 100}%` }} /></span>
                <span class="s-score num">{formatNumber(result.scores[k], 4)}</span>
              </li>
            ))}
          </ol>
          <p class="small muted">{t('similar.cosineHelp')}</p>
        </>
      )}
    </div>
  );
}

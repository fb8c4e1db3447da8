// Step 5: the items nearest to one item by the cosine of their factors,
// each with its support; rare neighbours are left out unless asked for.
// Picked here by search, or by clicking an item anywhere on the page.
import { useStore } from '../../app/store.js';
import { useAnswerTable } from '../../app/model-match.js';
import { showSimilar } from '../../app/query-actions.js';
import { formatNumber } from '../../app/format.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { TitleSearch } from '../TitleSearch/TitleSearch.jsx';
import { MovieTitle } from '../MovieTitle.jsx';
import { SupportCount } from '../SupportCount.jsx';
import { RareItemsSwitch } from '../RareItemsSwitch.jsx';
import { WaitsForModel } from '../WaitsForModel.jsx';
import './SimilarMovies.css';

export function SimilarMovies() {
  const t = useT();
  const tw = useWords();
  const similar = useStore((s) => s.similar);
  const table = useAnswerTable();
  const hasModel = useStore((s) => Boolean(s.model.table));
  const minSupport = useStore((s) => s.model.info?.defaultMinSupport ?? 0);
  const result = similar.result && similar.result.table === table ? similar.result : null;
  const targetSupport = result ? table.popularity[result.item] : 0;
  return (
    <div class="similar stack">
      <WaitsForModel />
      <TitleSearch
        label={tw('similar.searchLabel')}
        placeholder={tw('similar.searchPlaceholder')}
        testid="similar-search"
        onPick={(index) => showSimilar(index)}
      />
      {!result && !similar.missing && (
        <p class="muted">{table ? tw('similar.prompt') : hasModel ? '' : t('recs.noModel')}</p>
      )}
      {similar.missing && <p class="note warn">{tw('similar.missing')}</p>}
      {result && table && (
        <>
          <h3 class="similar-target" data-testid="similar-target" data-item={result.item}>
            {tw('similar.to')} <span class="target-title">{table.titles[result.item]}</span>
            {table.genres[result.item].length > 0 && (
              <span class="genres"> · {table.genres[result.item].join(', ')}</span>
            )}
            <span class="genres"> · </span>
            <SupportCount table={table} index={result.item} />
          </h3>
          {minSupport > 0 && targetSupport < minSupport && (
            <p class="note warn small" data-testid="similar-rare-target">
              {tw('similar.rareTarget', { count: targetSupport })}
            </p>
          )}
          <RareItemsSwitch testid="include-rare-similar" similar />
          <ol class="similar-list" data-testid="similar-list">
            {result.items.map((index, k) => (
              <li
                key={index}
                data-testid="similar-row"
                data-item={index}
                data-score={result.scores[k]}
                data-support={table.popularity[index]}
              >
                <span class="rank num" aria-hidden="true">
                  {k + 1}
                </span>
                <span class="s-title">
                  <MovieTitle index={index} title={table.titles[index]} genres={table.genres[index]} />
                  <SupportCount table={table} index={index} />
                </span>
                <span class="s-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(0, result.scores[k]) * 100}%` }} />
                </span>
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

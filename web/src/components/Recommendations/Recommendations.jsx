// Step 4: top N for the favorites (folded in, favorites filtered out, rare
// items left out unless asked for), an optional genre filter, and for each
// its score, its support and the explanation.
import { useState } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import { useAnswerTable } from '../../app/model-match.js';
import { setRecommendationOptions } from '../../app/query-actions.js';
import { formatInt, formatScore } from '../../app/format.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { MovieTitle } from '../MovieTitle.jsx';
import { SupportCount } from '../SupportCount.jsx';
import { RareItemsSwitch } from '../RareItemsSwitch.jsx';
import { WaitsForModel } from '../WaitsForModel.jsx';
import { ContributionBars } from '../ContributionBars/ContributionBars.jsx';
import './Recommendations.css';

const COUNTS = [5, 10, 20, 50];

function Row({ rank, index, score, explanation, favorites, table, open, onToggle }) {
  const t = useT();
  return (
    <li class="rec-row" data-testid="recommendation-row" data-item={index} data-id={table.ids[index]}>
      <div class="rec-main">
        <span class="rank num" aria-hidden="true">
          {rank}
        </span>
        <span class="rec-title">
          <MovieTitle index={index} title={table.titles[index]} genres={table.genres[index]} />
          {explanation && <SupportCount table={table} index={index} />}
        </span>
        <span class="rec-score num" data-testid="rec-score" title={t('recs.scoreHelp')}>
          {explanation ? (
            formatScore(explanation.score)
          ) : (
            <>
              {formatInt(score)} <span class="unit">{t('data.usersUnit', { count: score })}</span>
            </>
          )}
        </span>
        {explanation && (
          <button
            type="button"
            class="icon why"
            aria-expanded={open}
            onClick={onToggle}
            data-testid="rec-explain-toggle"
          >
            {open ? t('recs.hide') : t('recs.why')}
          </button>
        )}
      </div>
      {explanation && open && <ContributionBars explanation={explanation} favorites={favorites} table={table} />}
    </li>
  );
}

export function Recommendations() {
  const t = useT();
  const tw = useWords();
  const recs = useStore((s) => s.recommendations);
  const table = useAnswerTable();
  const hasModel = useStore((s) => Boolean(s.model.table));
  const [openRows, setOpenRows] = useState({ 0: true });
  const result = recs.result && recs.result.table === table ? recs.result : null;
  if (!table) return hasModel ? <WaitsForModel /> : <p class="muted">{t('recs.noModel')}</p>;
  const toggle = (k) => setOpenRows((o) => ({ ...o, [k]: !o[k] }));
  return (
    <div class="recommendations stack">
      <div class="row rec-controls">
        <label>
          {t('recs.count')}{' '}
          <select
            value={recs.count}
            onChange={(e) => setRecommendationOptions({ count: Number(e.currentTarget.value) })}
            data-testid="rec-count"
          >
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {table.genreList.length > 0 && (
          <label>
            {t('recs.genre')}{' '}
            <select
              value={recs.genre}
              onChange={(e) => setRecommendationOptions({ genre: e.currentTarget.value })}
              data-testid="rec-genre"
            >
              <option value="">{t('recs.allGenres')}</option>
              {table.genreList.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {recs.popularFallback && (
        <p class="note" data-testid="rec-popular-note">
          {tw('recs.popularFallback')}
        </p>
      )}
      {result && !recs.popularFallback && <p class="small muted">{t('recs.explainHelp')}</p>}
      {result && !recs.popularFallback && <RareItemsSwitch testid="include-rare-recs" />}
      {result && (
        <ol
          class="rec-list"
          data-testid="recommendations"
          aria-live="polite"
          aria-busy={recs.loading}
          aria-label={recs.popularFallback ? tw('recs.popularLabel') : t('recs.listLabel')}
        >
          {result.items.map((index, k) => (
            <Row
              key={`${index}`}
              rank={k + 1}
              index={index}
              score={result.scores[k]}
              table={table}
              explanation={result.explanations?.[k]}
              favorites={result.favorites}
              open={Boolean(openRows[k])}
              onToggle={() => toggle(k)}
            />
          ))}
        </ol>
      )}
      {result && result.items.length === 0 && <p class="muted">{tw('recs.none')}</p>}
      {result && !recs.popularFallback && <p class="small muted">{t('recs.scoreHelp')}</p>}
    </div>
  );
}

// Step 6: the tutorial's dot product. Pick any movie: its predicted
// preference for me is x_me · y_item, with x_me folded in from the favorites.
import { useStore } from '../../app/store.js';
import { useAnswerTable } from '../../app/model-match.js';
import { showPreference } from '../../app/query-actions.js';
import { formatScore } from '../../app/format.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { TitleSearch } from '../TitleSearch/TitleSearch.jsx';
import { WaitsForModel } from '../WaitsForModel.jsx';
import { ContributionBars } from '../ContributionBars/ContributionBars.jsx';
import './PreferenceCheck.css';

export function PreferenceCheck() {
  const t = useT();
  const tw = useWords();
  const preference = useStore((s) => s.preference);
  const table = useAnswerTable();
  const recs = useStore((s) => s.recommendations.result);
  const result = preference.result && preference.result.table === table ? preference.result : null;
  const suggestion = recs && recs.table === table ? recs.items?.[0] : undefined;
  return (
    <div class="preference stack">
      <WaitsForModel />
      <TitleSearch
        label={tw('preference.searchLabel')}
        placeholder={tw('preference.searchPlaceholder')}
        testid="preference-search"
        onPick={(index) => showPreference(index)}
      />
      {!result && table && suggestion !== undefined && (
        <p class="muted">
          {tw('preference.prompt')}{' '}
          <button type="button" class="link suggestion" onClick={() => showPreference(suggestion)}>
            {t('preference.try', { title: table.titles[suggestion] })}
          </button>
        </p>
      )}
      {result && table && result.noFavorites && <p class="note">{t('preference.noFavorites')}</p>}
      {result && table && !result.noFavorites && (
        <div class="preference-result" data-testid="preference-result" data-item={result.item}>
          <p class="equation num" data-testid="preference-score" data-score={result.score}>
            <span class="vec">
              x<sub>{t('preference.me')}</sub>
            </span>{' '}
            · <span class="vec">y</span>
            <span class="eq-title">({table.titles[result.item]})</span> = <strong>{formatScore(result.score)}</strong>
          </p>
          <p class="small muted">{t('preference.help')}</p>
          <ContributionBars explanation={result.explanation} favorites={result.favorites} table={table} />
        </div>
      )}
    </div>
  );
}

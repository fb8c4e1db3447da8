// The first screen: recommendations for the favorites, with why the first one
// was chosen, before any step of the tutorial. A first visit shows them for
// the demo listener (five demo favorites, labelled, removable) and invites the
// visitor to pick their own; later visits show the visitor's own. Until the
// engine answers, the answers known beforehand (first-answers.js) are shown,
// and said to be such.
import { useMemo } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import { FIRST_SHOWN, sameAnswers, shownSnapshot, viewOf } from '../../app/first-answers.js';
import { useAnswerTable } from '../../app/model-match.js';
import { addFavorite, removeDemoFavorites, removeFavorite } from '../../app/favorites-actions.js';
import { matchFavorite } from '../../app/favorites.js';
import { formatScore } from '../../app/format.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { TitleSearch } from '../TitleSearch/TitleSearch.jsx';
import { MovieTitle } from '../MovieTitle.jsx';
import { SupportCount } from '../SupportCount.jsx';
import { ContributionBars } from '../ContributionBars/ContributionBars.jsx';
import { WaitsForModel } from '../WaitsForModel.jsx';
import './FirstRecommendations.css';
import { DemoSet, demoSetOfFavorites } from '../../app/demo-set.js';

function FavoriteChips({ favorites, table }) {
  const t = useT();
  return (
    <ul class="first-chips" aria-label={t('favorites.listLabel')} data-testid="first-favorites">
      {favorites.map((f) => {
        // Without a model of the data loaded now, whether it is here is not known yet.
        const here = !table || matchFavorite(table, f).index >= 0;
        return (
          <li
            key={f.uid}
            class={here ? '' : 'not-here'}
            data-testid="first-favorite"
            data-demo={f.demo ? 'true' : 'false'}
          >
            <span class="chip-title">{f.title}</span>
            {f.demo && <span class="tag demo">{t('favorites.demoTag')}</span>}
            {!here && <span class="tag warn">{t('favorites.notHere')}</span>}
            <button
              type="button"
              class="icon"
              onClick={() => removeFavorite(f.uid)}
              aria-label={t('favorites.remove', { title: f.title })}
            >
              ✕
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function FirstRecommendations() {
  const t = useT();
  const tw = useWords();
  const liveTable = useAnswerTable();
  const favorites = useStore((s) => s.favorites);
  const recs = useStore((s) => s.recommendations);
  const starting = useStore((s) => !s.model.table && s.engine.status !== 'failed');
  const demoData = useStore((s) => s.data.source?.kind === 'demo');
  const liveResult =
    liveTable && recs.result && recs.result.table === liveTable && !recs.popularFallback ? recs.result : null;
  const snapshot = useStore(shownSnapshot);
  const early = useMemo(
    () => (snapshot && !snapshot.replaced && !liveResult ? viewOf(snapshot) : null),
    [snapshot, liveResult],
  );
  // The engine's answer after a snapshot's: say that it is the same (what a student may wonder).
  const confirmed = useMemo(
    () => Boolean(snapshot?.replaced && liveResult && sameAnswers(snapshot, liveTable, liveResult)),
    [snapshot, liveResult, liveTable],
  );
  const table = early ? early.table : liveTable;
  const result = early ? early.result : liveResult;
  const present = liveTable ? favorites.filter((f) => matchFavorite(liveTable, f).index >= 0).length : favorites.length;
  // The demo listener's card only where its favorites are (or, before a model answers, on the demo data).
  const demo =
    present > 0 && favorites.every((f) => f.demo) && (liveTable ? true : demoData || Boolean(early && snapshot.demo));
  const title = demo ? t('first.titleDemo') : present ? t('first.title') : t('first.titleEmpty');
  // The tutorial's five (MovieLens latest-small) or the generated set's viewer.
  const tutorial = demoSetOfFavorites(favorites) === DemoSet.movielens;
  const intro = demo
    ? demoData || !liveTable
      ? t(tutorial ? 'first.introTutorial' : 'first.introDemo')
      : tw(tutorial ? 'first.introTutorialCarried' : 'first.introDemoCarried')
    : present
      ? t('first.intro')
      : tw('first.introEmpty');
  const top = result ? result.items.slice(0, FIRST_SHOWN) : [];
  const explanation = result?.explanations?.[0];
  const marked = new Set(
    liveTable ? favorites.map((f) => matchFavorite(liveTable, f).index).filter((i) => i >= 0) : [],
  );
  return (
    <section
      class="first-recs"
      aria-labelledby="first-recs-title"
      data-testid="first-recommendations"
      data-demo={demo ? 'true' : 'false'}
      data-answers={early ? 'snapshot' : result ? 'live' : 'none'}
    >
      <h2 id="first-recs-title">{title}</h2>
      <p class="muted first-intro">{intro}</p>
      <WaitsForModel />
      {early && (
        <p class="small muted" data-testid="first-snapshot">
          {snapshot.model === 'demo' ? t('first.snapshotDemo') : t('first.snapshotKept')}
        </p>
      )}
      {confirmed && (
        <p class="small muted" data-testid="first-snapshot-confirmed">
          {t('first.snapshotConfirmed')}
        </p>
      )}
      {starting && !early && (
        <p class="small muted" data-testid="first-preparing">
          {t('first.preparing')}
        </p>
      )}
      <div class="first-grid">
        <div class="first-side stack">
          {favorites.length > 0 && <FavoriteChips favorites={favorites} table={liveTable} />}
          {favorites.some((f) => f.demo) && (
            <button type="button" class="icon" onClick={removeDemoFavorites} data-testid="first-remove-demo">
              {t('favorites.removeDemo')}
            </button>
          )}
          <TitleSearch
            label={t('first.pickOwn')}
            placeholder={tw('favorites.searchPlaceholder')}
            testid="first-search"
            marked={marked}
            markLabel={t('favorites.already')}
            onPick={(index) => addFavorite(index)}
          />
        </div>
        {result && top.length > 0 && (
          <div class="first-main">
            <ol class="first-list" aria-label={t('recs.listLabel')}>
              {top.map((index, k) => (
                <li key={index} data-testid="first-rec-row" data-item={index}>
                  <span class="rank num" aria-hidden="true">
                    {k + 1}
                  </span>
                  <span class="first-title">
                    <MovieTitle index={index} title={table.titles[index]} />
                    <SupportCount table={table} index={index} />
                  </span>
                  <span class="first-score num" title={t('recs.scoreHelp')}>
                    {formatScore(result.scores[k])}
                  </span>
                </li>
              ))}
            </ol>
            {explanation && (
              <div class="first-why" data-testid="first-why">
                <p class="small">{t('first.whyTop', { title: table.titles[top[0]] })}</p>
                <ContributionBars explanation={explanation} favorites={result.favorites} table={table} />
              </div>
            )}
            <a class="small" href="#step-recommendations">
              {t('first.all')}
            </a>
          </div>
        )}
      </div>
    </section>
  );
}

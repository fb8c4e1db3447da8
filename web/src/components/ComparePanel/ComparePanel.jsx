// The Compare step: pick models (each with its few settings, defaults from
// implicit and Spark), train them one after another on the Evaluate step's
// split, and read one table — the ranking metrics at K, RMSE and MAE for the
// model of ratings, training time — next to popularity, each row as soon as
// its model is done. Below: what each model recommends for the favorites,
// side by side, the items several models agree on marked, each row explained
// where the model can be, and a few sentences on explicit against implicit
// feedback that point at the numbers on the screen.
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import {
  chooseComparedSimilarItem,
  compare,
  comparedSimilarItem,
  loadModelKinds,
  refreshComparedSimilar,
  refreshForMe,
  setComparedKind,
  setComparedSetting,
  skipComparedModel,
  stopComparison,
} from '../../app/compare-actions.js';
import { COMPARED_KINDS } from '../../app/state.js';
import { useAnswerTable } from '../../app/model-match.js';
import { favoriteIndices } from '../../app/favorites.js';
import { formatInt, formatNumber, formatScore, formatSeconds } from '../../app/format.js';
import { faultText } from '../../app/fault-text.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { MovieTitle } from '../MovieTitle.jsx';
import { SupportCount } from '../SupportCount.jsx';
import { ProgressBar } from '../ProgressBar.jsx';
import { ContributionBars } from '../ContributionBars/ContributionBars.jsx';
import './ComparePanel.css';

const METRICS = ['precision', 'map', 'ndcg', 'auc'];

function SettingsFields({ kind, disabled }) {
  const t = useT();
  const defaults = kind.defaults;
  const chosen = useStore((s) => s.comparison.settings[kind.kind]) ?? {};
  const names = Object.keys(defaults);
  if (kind.kind === 'als') return <p class="small muted">{t('compare.alsSettings')}</p>;
  if (names.length === 0) return null;
  return (
    <div class="compare-settings">
      {names.map((name) => (
        <label key={name}>
          {t(`compare.setting.${name}`)}{' '}
          <input
            type="number"
            step="any"
            value={chosen[name] ?? defaults[name]}
            disabled={disabled}
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              if (e.currentTarget.value !== '' && Number.isFinite(v)) setComparedSetting(kind.kind, name, v);
            }}
            data-testid={`compare-setting-${kind.kind}-${name}`}
          />
        </label>
      ))}
    </div>
  );
}

function ModelPicker({ kinds, running }) {
  const t = useT();
  const selected = useStore((s) => s.comparison.selected);
  const byName = new Map(kinds.map((k) => [k.kind, k]));
  return (
    <fieldset class="compare-picker" data-testid="compare-picker">
      <legend>{t('compare.pick')}</legend>
      <ul>
        {COMPARED_KINDS.filter((name) => byName.has(name)).map((name) => {
          const kind = byName.get(name);
          const on = selected.includes(name);
          return (
            <li key={name} class={on ? 'on' : ''}>
              <label class="compare-kind">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={running}
                  onChange={(e) => setComparedKind(name, e.currentTarget.checked)}
                  data-testid={`compare-pick-${name}`}
                />{' '}
                <strong>{t(`models.${name}`)}</strong>
                <span class="small muted"> {t(`models.${name}.from`)}</span>
              </label>
              {on && <SettingsFields kind={kind} disabled={running} />}
            </li>
          );
        })}
        <li class="on">
          <label class="compare-kind">
            <input type="checkbox" checked disabled /> <strong>{t('models.popular')}</strong>
            <span class="small muted"> {t('models.popular.from')}</span>
          </label>
        </li>
      </ul>
    </fieldset>
  );
}

function StateCell({ model, index, running }) {
  const t = useT();
  const lang = useStore((s) => s.lang);
  if (model.state === 'done') return null;
  if (model.state === 'failed')
    return (
      <span class="compare-failed" data-testid="compare-error">
        {faultText(lang, { code: model.code, params: model.params, message: model.error })}
      </span>
    );
  if (model.state === 'skipped') return <span class="muted">{t('compare.state.skipped')}</span>;
  return (
    <span class="compare-running">
      {model.state === 'waiting'
        ? t('compare.state.waiting')
        : t(`compare.state.${model.state}`, { percent: Math.round(model.fraction * 100) })}
      {running && (
        <button type="button" class="small-button" onClick={() => skipComparedModel(index)} data-testid="compare-skip">
          {t('compare.skip')}
        </button>
      )}
    </span>
  );
}

function ResultsTable({ progress, running }) {
  const t = useT();
  const k = progress.k;
  const done = progress.models.filter((m) => m.state === 'done');
  const best = {};
  for (const key of METRICS) best[key] = Math.max(...done.map((m) => m.metrics[key]));
  const hasRatings = progress.models.some((m) => m.kind === 'explicit-als');
  return (
    <div class="table-scroll">
      <table class="data compare-table" data-testid="compare-table">
        <caption class="sr-only">{t('compare.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.model')}</th>
            {METRICS.map((key) => (
              <th key={key} scope="col" class="num">
                {t(`eval.${key}`, { k })}
              </th>
            ))}
            {hasRatings && <th class="num">RMSE</th>}
            {hasRatings && <th class="num">MAE</th>}
            <th scope="col" class="num">
              {t('compare.time')}
            </th>
          </tr>
        </thead>
        <tbody>
          {progress.models.map((m, index) => (
            <tr key={index} data-testid="compare-row" data-kind={m.kind} data-state={m.state}>
              <th scope="row">{t(`models.${m.kind}`)}</th>
              {m.state === 'done' ? (
                <>
                  {METRICS.map((key) => (
                    <td
                      key={key}
                      class={`num ${done.length > 1 && m.metrics[key] === best[key] ? 'win' : ''}`}
                      data-testid={`compare-${key}`}
                      data-value={m.metrics[key]}
                    >
                      {formatNumber(m.metrics[key], 4)}
                    </td>
                  ))}
                  {hasRatings && (
                    <td class="num" data-testid="compare-rmse" data-value={m.ratingErrors?.rmse ?? ''}>
                      {m.ratingErrors ? formatNumber(m.ratingErrors.rmse, 3) : '—'}
                    </td>
                  )}
                  {hasRatings && <td class="num">{m.ratingErrors ? formatNumber(m.ratingErrors.mae, 3) : '—'}</td>}
                  <td class="num" data-testid="compare-seconds">
                    {formatSeconds(m.trainingSeconds)}
                  </td>
                </>
              ) : (
                <td colspan={METRICS.length + 1 + (hasRatings ? 2 : 0)}>
                  <StateCell model={m} index={index} running={running} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The sentences on explicit against implicit feedback, with this run's numbers.
function FeedbackLesson({ progress }) {
  const t = useT();
  const tw = useWords();
  const of = (kind) => progress.models.find((m) => m.kind === kind && m.state === 'done');
  const rating = of('explicit-als');
  const als = of('als');
  const popular = of('popular');
  const k = progress.k;
  return (
    <div class="compare-lesson" data-testid="compare-lesson">
      <h3>{t('compare.lessonTitle')}</h3>
      {rating && als && (
        <p data-testid="compare-lesson-numbers">
          {t(
            rating.metrics.precision < als.metrics.precision ? 'compare.lessonNumbers' : 'compare.lessonNumbersAgree',
            {
              rmse: formatNumber(rating.ratingErrors?.rmse ?? 0, 3),
              k,
              rating: formatNumber(rating.metrics.precision, 3),
              als: formatNumber(als.metrics.precision, 3),
              popular: formatNumber(popular?.metrics.precision ?? 0, 3),
            },
          )}
        </p>
      )}
      <p>{tw('compare.lessonWhy')}</p>
      <p>{t('compare.lessonConfidence')}</p>
    </div>
  );
}

function ForMeRow({ rank, index, score, explanation, model, list, table, shared, open, onToggle }) {
  const t = useT();
  const lang = useStore((s) => s.lang);
  return (
    <li class="rec-row" data-testid="compare-for-me-row" data-item={index} data-shared={shared}>
      <div class="rec-main">
        <span class="rank num" aria-hidden="true">
          {rank}
        </span>
        <span class="rec-title">
          <MovieTitle index={index} title={table.titles[index]} genres={table.genres[index]} />
          <SupportCount table={table} index={index} />
          {shared > 1 && (
            <span class="shared-mark" data-testid="compare-shared" title={t('compare.sharedHelp', { count: shared })}>
              {t('compare.shared', { count: shared })}
            </span>
          )}
        </span>
        <span class="rec-score num">{formatScore(score)}</span>
        <button type="button" class="icon why" aria-expanded={open} onClick={onToggle} data-testid="compare-why">
          {open ? t('recs.hide') : t('recs.why')}
        </button>
      </div>
      {open &&
        (model.explainable ? (
          <ContributionBars explanation={explanation} favorites={list.favorites} table={table} />
        ) : (
          <p class="small muted" data-testid="compare-why-not">
            {translateWhyNot(t, lang, model)}
          </p>
        ))}
    </li>
  );
}

function translateWhyNot(t, lang, model) {
  const key = `compare.whyNot.${model.kind}`;
  const text = t(key);
  return text === key ? model.whyNotExplained : text;
}

function ForMe({ progress }) {
  const t = useT();
  const tw = useWords();
  const table = useAnswerTable();
  const forMe = useStore((s) => s.comparison.forMe);
  const favorites = useStore((s) => s.favorites);
  const [open, setOpen] = useState({});
  useEffect(() => {
    refreshForMe();
  }, [favorites, table]);
  if (!table) return <p class="muted">{t('compare.forMeNeedsModel')}</p>;
  const lists = progress.models
    .map((m, index) => ({ m, index, list: forMe[index] }))
    .filter(({ m, list }) => m.state === 'done' && list);
  if (lists.length === 0) return null;
  const counts = new Map();
  for (const { list } of lists) for (const item of list.items) counts.set(item, (counts.get(item) ?? 0) + 1);
  if (lists.every(({ list }) => list.favorites.items.length === 0))
    return <p class="muted">{tw('compare.forMeNoFavorites')}</p>;
  return (
    <div class="compare-for-me" data-testid="compare-for-me">
      <h3>{t('compare.forMeTitle')}</h3>
      <p class="small muted">{tw('compare.forMeHelp')}</p>
      <div class="for-me-grid">
        {lists.map(({ m, index, list }) => (
          <section key={index} class="for-me-list" data-testid="compare-for-me-list" data-kind={m.kind}>
            <h4>{t(`models.${m.kind}`)}</h4>
            <ol class="rec-list">
              {Array.from(list.items, (item, r) => (
                <ForMeRow
                  key={item}
                  rank={r + 1}
                  index={item}
                  score={list.scores[r]}
                  explanation={list.explanations?.[r]}
                  model={m}
                  list={list}
                  table={table}
                  shared={counts.get(item)}
                  open={Boolean(open[`${index}:${item}`])}
                  onToggle={() => setOpen((o) => ({ ...o, [`${index}:${item}`]: !o[`${index}:${item}`] }))}
                />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}

// The neighbours of one favorite in each model, side by side: the factor
// models and the item-item ones often disagree most here.
function SimilarSideBySide({ progress }) {
  const t = useT();
  const tw = useWords();
  const table = useAnswerTable();
  const item = useStore(comparedSimilarItem);
  const similar = useStore((s) => s.comparison.similar);
  const runId = useStore((s) => s.comparison.run?.asked.id);
  const favorites = useStore((s) => s.favorites);
  useEffect(() => {
    refreshComparedSimilar();
  }, [favorites, table, item, progress]);
  if (!table || item < 0) return null;
  const models = progress.models.map((m, index) => ({ m, index })).filter(({ m }) => m.state === 'done');
  if (models.length === 0) return null;
  const key = `${runId}:${item}`;
  const current = (index) => (similar[index]?.key === key ? similar[index] : null);
  const counts = new Map();
  for (const { index } of models) for (const i of current(index)?.items ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
  return (
    <div class="compare-similar" data-testid="compare-similar">
      <h3>{t('compare.similarTitle')}</h3>
      <label class="compare-similar-item">
        {t('compare.similarTo')}{' '}
        <select
          value={item}
          onChange={(e) => chooseComparedSimilarItem(Number(e.currentTarget.value))}
          data-testid="compare-similar-item"
        >
          {favoriteIndices(table, favorites).map((i) => (
            <option key={i} value={i}>
              {table.titles[i]}
            </option>
          ))}
        </select>
      </label>
      <p class="small muted">{tw('compare.similarHelp')}</p>
      <div class="for-me-grid">
        {models.map(({ m, index }) => {
          const list = current(index);
          return (
            <section key={index} class="for-me-list" data-testid="compare-similar-list" data-kind={m.kind}>
              <h4>{t(`models.${m.kind}`)}</h4>
              {m.kind === 'popular' ? (
                <p class="small muted" data-testid="compare-similar-none">
                  {t('compare.similarNone.popular')}
                </p>
              ) : list ? (
                <ol class="rec-list">
                  {Array.from(list.items, (i, r) => (
                    <li
                      key={i}
                      class="rec-row"
                      data-testid="compare-similar-row"
                      data-item={i}
                      data-shared={counts.get(i)}
                    >
                      <div class="rec-main">
                        <span class="rank num" aria-hidden="true">
                          {r + 1}
                        </span>
                        <span class="rec-title">
                          <MovieTitle index={i} title={table.titles[i]} genres={table.genres[i]} />
                          <SupportCount table={table} index={i} />
                          {counts.get(i) > 1 && (
                            <span
                              class="shared-mark"
                              data-testid="compare-shared"
                              title={t('compare.sharedHelp', { count: counts.get(i) })}
                            >
                              {t('compare.shared', { count: counts.get(i) })}
                            </span>
                          )}
                        </span>
                        <span class="rec-score num">{formatScore(list.scores[r])}</span>
                      </div>
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="small muted">{t('compare.similarWaiting')}</p>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

export function ComparePanel() {
  const t = useT();
  const comparison = useStore((s) => s.comparison);
  const evaluation = useStore((s) => s.evaluation);
  const data = useStore((s) => s.data);
  const engineReady = useStore((s) => s.engine.status === 'ready');
  useEffect(() => {
    if (engineReady) loadModelKinds();
  }, [engineReady]);
  const run = comparison.run?.asked.dataVersion === data.version ? comparison.run : null;
  const progress = run?.progress;
  return (
    <div class="compare stack">
      {comparison.kinds ? (
        <ModelPicker kinds={comparison.kinds} running={comparison.running} />
      ) : (
        <p class="muted">{t('build.starting')}</p>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          compare();
        }}
      >
        <p class="small muted">
          {t('compare.split', { percent: Math.round(evaluation.testFraction * 100), k: evaluation.k })}
        </p>
        <button
          type="submit"
          class="primary"
          disabled={data.status !== 'ready' || comparison.running || !comparison.kinds}
          data-testid="compare-button"
        >
          {t('compare.run')}
        </button>
        {comparison.running && (
          <button type="button" onClick={stopComparison} data-testid="compare-stop">
            {t('compare.stop')}
          </button>
        )}
      </form>
      {comparison.running && progress && (
        <ProgressBar
          fraction={progress.fraction}
          label={t('compare.progressLabel')}
          testid="compare-progress"
          text={t('compare.progressText', {
            done: progress.models.filter(
              (m) => m.state !== 'waiting' && m.state !== 'training' && m.state !== 'scoring',
            ).length,
            total: progress.models.length,
          })}
        />
      )}
      <div aria-live="polite">
        {progress && <ResultsTable progress={progress} running={comparison.running} />}
        {progress && (
          <p class="small muted num">
            {t('compare.counts', {
              train: formatInt(progress.trainInteractions),
              test: formatInt(progress.testInteractions),
            })}
          </p>
        )}
      </div>
      {progress && <FeedbackLesson progress={progress} />}
      {progress && <ForMe progress={progress} />}
      {progress && <SimilarSideBySide progress={progress} />}
    </div>
  );
}

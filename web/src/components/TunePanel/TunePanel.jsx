// Step 3: find settings that fit the data. The engine's tuner tries many
// settings, each trained on the training part and scored on a validation
// part; the chart fills in as the trials finish, the best settings can go
// into the Train form, and at the end the tuned settings, the tutorial's and
// popularity are compared on the test split the search never saw.
import { useStore } from '../../app/store.js';
import { cancelTuning, setTuningOptions, suggestedBudget, tune, applyTunedSettings } from '../../app/tune-actions.js';
import { formatInt, formatNumber, formatSeconds } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { ProgressBar } from '../ProgressBar.jsx';
import { TuneChart, TuneLegend } from './TuneChart.jsx';
import { TuneComparison } from './TuneComparison.jsx';
import { TuneTrials } from './TuneTrials.jsx';
import './TunePanel.css';

const METRICS = [
  ['precision', 'eval.precision'],
  ['map', 'eval.map'],
  ['ndcg', 'eval.ndcg'],
];
const AXES = ['regularization', 'factors', 'alpha', 'iterations'];

function TuneForm({ tuning, suggested, canTune }) {
  const t = useT();
  return (
    <form
      class="row tune-form"
      onSubmit={(e) => {
        e.preventDefault();
        tune();
      }}
    >
      <label class="field">
        <span class="field-label">{t('tune.budget')}</span>
        <input
          type="number"
          min="1"
          max="3600"
          step="1"
          value={tuning.budgetSeconds ?? suggested}
          disabled={tuning.running}
          onInput={(e) => {
            const v = Number(e.currentTarget.value);
            if (v > 0) setTuningOptions({ budgetSeconds: v });
          }}
          data-testid="tune-budget"
        />
        <span class="field-help">{t('tune.budgetHelp', { seconds: suggested })}</span>
      </label>
      <label class="field">
        <span class="field-label">{t('tune.metric')}</span>
        <select
          value={tuning.metric}
          disabled={tuning.running}
          onChange={(e) => setTuningOptions({ metric: e.currentTarget.value })}
          data-testid="tune-metric"
        >
          {METRICS.map(([key, label]) => (
            <option key={key} value={key}>
              {t(label, { k: tuning.k })}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('tune.k')}</span>
        <input
          type="number"
          min="1"
          max="100"
          step="1"
          value={tuning.k}
          disabled={tuning.running}
          class="narrow"
          onInput={(e) => {
            const v = Math.round(Number(e.currentTarget.value));
            if (v >= 1 && v <= 100) setTuningOptions({ k: v });
          }}
          data-testid="tune-k"
        />
      </label>
      <div class="row tune-buttons">
        <button type="submit" class="primary" disabled={!canTune} data-testid="tune-button">
          {t('tune.run')}
        </button>
        {tuning.running && (
          <button type="button" onClick={cancelTuning} data-testid="tune-cancel">
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function BestSettings({ best, tutorial, metricLabel, canUse }) {
  const t = useT();
  const onUse = () => {
    if (!applyTunedSettings()) return;
    const train = document.getElementById('step-train');
    train?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    document.querySelector('[data-testid=train-button]')?.focus({ preventScroll: true });
  };
  return (
    <div
      class="tune-best"
      data-testid="tune-best"
      data-factors={best.factors}
      data-regularization={best.regularization}
      data-alpha={best.alpha}
      data-iterations={best.iterations}
      data-score={best.score}
    >
      <p class="best-score">{t('tune.best', { metric: metricLabel, score: formatNumber(best.score, 4) })}</p>
      <p class="best-settings num">
        {t('tune.bestSettings', best)}
        {best.scaling !== 'none' && <> · {t('tune.bestScaling', { scaling: best.scaling })}</>}
      </p>
      {tutorial && (
        <p class="small muted" data-testid="tune-tutorial-score">
          {t('tune.tutorialScore', { score: formatNumber(tutorial.score, 4) })}
        </p>
      )}
      <div class="row">
        <button type="button" class="primary" disabled={!canUse} onClick={onUse} data-testid="tune-use">
          {t('tune.use')}
        </button>
        <span class="small muted">{t('tune.useHelp')}</span>
      </div>
    </div>
  );
}

export function TunePanel() {
  const t = useT();
  const tuning = useStore((s) => s.tuning);
  const dataStatus = useStore((s) => s.data.status);
  const keptRatings = useStore((s) => s.data.summary?.keptRatings);
  const dataVersion = useStore((s) => s.data.version);
  const testFraction = useStore((s) => s.evaluation.testFraction);
  const suggested = suggestedBudget(keptRatings);
  const run = tuning.run;
  const p = tuning.progress;
  const metric = run?.metric ?? tuning.metric;
  const k = run?.k ?? tuning.k;
  const metricLabel = t(METRICS.find(([key]) => key === metric)[1], { k });
  const tutorial = [...tuning.trials].reverse().find((x) => x.tutorial && !x.error);
  const stale = run && run.dataVersion !== dataVersion;
  const sizes = run?.sizes;
  return (
    <div class="tune-panel stack">
      <p class="small muted">{t('tune.how', { fraction: Math.round((run?.testFraction ?? testFraction) * 100) })}</p>
      <TuneForm tuning={tuning} suggested={suggested} canTune={dataStatus === 'ready' && !tuning.running} />
      {dataStatus !== 'ready' && <p class="small muted">{t('train.needData')}</p>}
      {tuning.running &&
        p &&
        (p.phase === 'searching' ? (
          <ProgressBar
            fraction={p.fraction}
            label={t('tune.progressLabel')}
            testid="tune-progress"
            text={t('tune.progressSearching', {
              count: tuning.trials.length,
              round: Math.max(1, p.rounds ?? 1),
              seconds: formatSeconds(p.seconds || 0),
              budget: formatSeconds(run.budgetSeconds),
            })}
          />
        ) : (
          <ProgressBar
            fraction={p.comparisonFraction}
            label={t('tune.progressLabel')}
            testid="tune-progress"
            text={t('tune.progressComparing')}
          />
        ))}
      <p class="sr-only" aria-live="polite" data-testid="tune-status">
        {tuning.running
          ? t('tune.statusRunning', { count: tuning.trials.length })
          : tuning.comparison
            ? t('tune.statusDone', { score: formatNumber(tuning.best?.score, 4) })
            : ''}
      </p>
      {sizes && (
        <p class="small muted num" data-testid="tune-sizes">
          {t('tune.sizes', {
            test: formatInt(sizes.testInteractions),
            validation: formatInt(sizes.validationInteractions),
            users: formatInt(sizes.validationUsers),
            fit: formatInt(sizes.fitInteractions),
          })}
        </p>
      )}
      {stale && (
        <p class="note warn" data-testid="tune-stale">
          {t('tune.stale')}
        </p>
      )}
      {tuning.trials.length > 0 && (
        <div class="tune-grid">
          <div class="stack">
            <label class="tune-axis">
              {t('tune.axis')}{' '}
              <select
                value={tuning.axis}
                onChange={(e) => setTuningOptions({ axis: e.currentTarget.value })}
                data-testid="tune-axis"
              >
                {AXES.map((a) => (
                  <option key={a} value={a}>
                    {t(`tune.axis${a[0].toUpperCase()}${a.slice(1)}`)}
                  </option>
                ))}
              </select>
            </label>
            <TuneChart trials={tuning.trials} axis={tuning.axis} metricLabel={metricLabel} best={tuning.best} />
            <TuneLegend />
            <p class="small muted" data-testid="tune-reading">
              {t(`tune.read${tuning.axis[0].toUpperCase()}${tuning.axis.slice(1)}`)}
            </p>
          </div>
          <div class="stack">
            {tuning.best && (
              <BestSettings
                best={
                  tuning.comparison?.tunedSettings
                    ? { ...tuning.best, ...tuning.comparison.tunedSettings }
                    : tuning.best
                }
                tutorial={tutorial}
                metricLabel={metricLabel}
                canUse={!tuning.running && !stale}
              />
            )}
            {!tuning.running && p && (
              <p class="small muted num" data-testid="tune-search-line">
                {t('tune.searchLine', {
                  count: tuning.trials.length,
                  seconds: formatSeconds(p.seconds || 0),
                  iterations: formatInt(p.iterationsUsed ?? 0),
                })}
              </p>
            )}
            {tuning.comparison && (
              <TuneComparison comparison={tuning.comparison} metric={metric} metricLabel={metricLabel} />
            )}
          </div>
        </div>
      )}
      {tuning.trials.length > 0 && <TuneTrials trials={tuning.trials} showScaling={Boolean(sizes?.searchScaling)} />}
    </div>
  );
}

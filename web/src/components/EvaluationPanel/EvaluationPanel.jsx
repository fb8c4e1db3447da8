// Step 8: hold out a share of each user's ratings, train on the rest with
// the current settings, and rank the held-out items: ALS next to the
// popularity baseline.
import { useStore } from '../../app/store.js';
import { cancelEvaluation, evaluate, setEvaluationOptions } from '../../app/train-actions.js';
import { formatInt, formatNumber, formatSeconds } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { ProgressBar } from '../ProgressBar.jsx';
import './EvaluationPanel.css';

// [result key, label, what it measures]; every label carries its K.
const METRICS = [
  ['precision', 'eval.precision', 'eval.precisionHelp'],
  ['map', 'eval.map', 'eval.mapHelp'],
  ['ndcg', 'eval.ndcg', 'eval.ndcgHelp'],
  ['auc', 'eval.auc', 'eval.aucHelp'],
];

function MetricDefinitions({ k }) {
  const t = useT();
  return (
    <details class="metric-definitions" open data-testid="metric-definitions">
      <summary>{t('eval.metricsTitle')}</summary>
      <dl>
        {METRICS.map(([key, label, help]) => (
          <div key={key} class="metric-definition" data-testid={`eval-${key}-help`}>
            <dt>{t(label, { k })}</dt>
            <dd>{t(help)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function Results({ result }) {
  const t = useT();
  const k = result.model.k;
  return (
    <div class="eval-results" data-testid="evaluation-results">
      <table class="data">
        <caption class="sr-only">{t('eval.caption')}</caption>
        <thead>
          <tr>
            <th>{t('eval.metric')}</th>
            <th class="num">{t(result.imported ? 'eval.retrained' : 'eval.als')}</th>
            <th class="num">{t('eval.popularity')}</th>
            {result.currentModel && <th class="num">{t('eval.imported')}</th>}
          </tr>
        </thead>
        <tbody>
          {METRICS.map(([key, label]) => {
            const better = result.model[key] >= result.popularity[key];
            return (
              <tr
                key={key}
                data-testid={`eval-${key}`}
                data-model={result.model[key]}
                data-popularity={result.popularity[key]}
              >
                <th scope="row">{t(label, { k })}</th>
                <td class={`num ${better ? 'win' : ''}`}>{formatNumber(result.model[key], 4)}</td>
                <td class={`num ${better ? '' : 'win'}`}>{formatNumber(result.popularity[key], 4)}</td>
                {result.currentModel && (
                  <td class="num muted" data-testid={`eval-imported-${key}`}>
                    {formatNumber(result.currentModel[key], 4)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {result.imported && (
        <p class="small note" data-testid="eval-imported-note">
          {t('eval.importedNote', {
            factors: result.config.factors,
            regularization: String(Number(Number(result.config.regularization).toPrecision(6))),
            alpha: String(Number(Number(result.config.alpha).toPrecision(6))),
            formulation: t(`eval.formulation.${result.config.formulation === 'spark' ? 'spark' : 'implicit'}`),
          })}
        </p>
      )}
      <MetricDefinitions k={k} />
      <p class="small muted num">
        {t('eval.counts', {
          users: t('units.users', { count: formatInt(result.model.users) }),
          train: t('units.ratings', { count: formatInt(result.trainInteractions) }),
          test: t('units.ratings', { count: formatInt(result.testInteractions) }),
          fraction: Math.round(result.testFraction * 100),
          factors: t('units.factors', { count: result.config.factors }),
          iterations: t('units.iterations', { count: result.config.iterations }),
          seconds: formatSeconds(result.seconds ?? 0),
        })}
      </p>
    </div>
  );
}

export function EvaluationPanel() {
  const t = useT();
  const evaluation = useStore((s) => s.evaluation);
  const dataReady = useStore((s) => s.data.status === 'ready');
  const p = evaluation.progress;
  return (
    <div class="evaluation stack">
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          evaluate();
        }}
      >
        <label>
          {t('eval.testFraction')}{' '}
          <input
            type="number"
            min="0.05"
            max="0.5"
            step="0.05"
            value={evaluation.testFraction}
            disabled={evaluation.running}
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              if (v > 0 && v < 1) setEvaluationOptions({ testFraction: v });
            }}
            data-testid="eval-test-fraction"
          />
        </label>
        <label>
          {t('eval.k')}{' '}
          <input
            type="number"
            min="1"
            max="100"
            step="1"
            value={evaluation.k}
            disabled={evaluation.running}
            onInput={(e) => {
              const v = Math.round(Number(e.currentTarget.value));
              if (v >= 1) setEvaluationOptions({ k: v });
            }}
            data-testid="eval-k"
          />
        </label>
        <button type="submit" class="primary" disabled={!dataReady || evaluation.running} data-testid="evaluate-button">
          {t('eval.run')}
        </button>
        {evaluation.running && (
          <button type="button" onClick={cancelEvaluation} data-testid="evaluate-cancel">
            {t('common.cancel')}
          </button>
        )}
      </form>
      {evaluation.running && p && (
        <ProgressBar
          fraction={p.fraction}
          label={t('eval.progressLabel')}
          testid="evaluate-progress"
          text={
            p.phase === 'scoring'
              ? t('eval.scoringText', {
                  done: formatInt(p.usersDone ?? 0),
                  count: formatInt(p.users ?? 0),
                  seconds: formatSeconds(p.seconds || 0),
                })
              : t('eval.progressText', {
                  done: p.iterationsDone ?? 0,
                  total: p.iterations ?? 0,
                  seconds: formatSeconds(p.seconds || 0),
                })
          }
        />
      )}
      <div aria-live="polite">{evaluation.result && <Results result={evaluation.result} />}</div>
    </div>
  );
}

// Step 8: hold out a share of each user's ratings, train on the rest with
// the current settings, and rank the held-out items: ALS next to the
// popularity baseline.
import { useStore } from '../../app/store.js';
import { cancelEvaluation, evaluate, setEvaluationOptions } from '../../app/train-actions.js';
import { formatInt, formatNumber, formatSeconds } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { ProgressBar } from '../ProgressBar.jsx';
import './EvaluationPanel.css';

const METRICS = [
  ['precision', 'eval.precision'],
  ['map', 'eval.map'],
  ['ndcg', 'eval.ndcg'],
  ['auc', 'eval.auc'],
];

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
            <th class="num">{t('eval.als')}</th>
            <th class="num">{t('eval.popularity')}</th>
          </tr>
        </thead>
        <tbody>
          {METRICS.map(([key, label]) => {
            const better = result.model[key] >= result.popularity[key];
            return (
              <tr key={key} data-testid={`eval-${key}`} data-model={result.model[key]} data-popularity={result.popularity[key]}>
                <th scope="row">{t(label, { k })}</th>
                <td class={`num ${better ? 'win' : ''}`}>{formatNumber(result.model[key], 4)}</td>
                <td class={`num ${better ? '' : 'win'}`}>{formatNumber(result.popularity[key], 4)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="small muted num">
        {t('eval.counts', {
          users: formatInt(result.model.users), train: formatInt(result.trainInteractions), test: formatInt(result.testInteractions),
          fraction: Math.round(result.testFraction * 100), factors: result.config.factors, iterations: result.config.iterations,
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
      <form class="row" onSubmit={(e) => { e.preventDefault(); evaluate(); }}>
        <label>
          {t('eval.testFraction')}{' '}
          <input type="number" min="0.05" max="0.5" step="0.05" value={evaluation.testFraction} disabled={evaluation.running}
            onInput={(e) => { const v = Number(e.currentTarget.value); if (v > 0 && v < 1) setEvaluationOptions({ testFraction: v }); }}
            data-testid="eval-test-fraction" />
        </label>
        <label>
          K{' '}
          <input type="number" min="1" max="100" step="1" value={evaluation.k} disabled={evaluation.running}
            onInput={(e) => { const v = Math.round(Number(e.currentTarget.value)); if (v >= 1) setEvaluationOptions({ k: v }); }}
            data-testid="eval-k" />
        </label>
        <button type="submit" class="primary" disabled={!dataReady || evaluation.running} data-testid="evaluate-button">{t('eval.run')}</button>
        {evaluation.running && <button type="button" onClick={cancelEvaluation} data-testid="evaluate-cancel">{t('common.cancel')}</button>}
      </form>
      <p class="small muted">{t('eval.pooled')}</p>
      {evaluation.running && p && (
        <ProgressBar fraction={p.fraction} label={t('eval.progressLabel')} testid="evaluate-progress"
          text={p.phase === 'scoring'
            ? t('eval.scoringText', { done: formatInt(p.usersDone ?? 0), count: formatInt(p.users ?? 0), seconds: formatSeconds(p.seconds || 0) })
            : t('eval.progressText', { done: p.iterationsDone ?? 0, total: p.iterations ?? 0, seconds: formatSeconds(p.seconds || 0) })} />
      )}
      <div aria-live="polite">{evaluation.result && <Results result={evaluation.result} />}</div>
    </div>
  );
}

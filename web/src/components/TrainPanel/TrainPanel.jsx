// Step 2: the ALS settings, Train / Cancel, a progress bar per iteration,
// the live loss chart, elapsed time, and what the current model is.
import { useStore } from '../../app/store.js';
import { cancelTraining, setConfig, train, trainingEstimate } from '../../app/train-actions.js';
import { Match, useModelMatch } from '../../app/model-match.js';
import { formatInt, formatNumber, formatSeconds } from '../../app/format.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { ProgressBar } from '../ProgressBar.jsx';
import { LossChart } from '../LossChart/LossChart.jsx';
import { TrainSettings } from './TrainSettings.jsx';
import './TrainPanel.css';

// Play counts: suggest implicit's Last.fm weighting (BM25), one click; the
// tutorial's MovieLens defaults stay as they are.
function PlaysHint() {
  const t = useT();
  const plays = useWords().words.plays;
  const scaling = useStore((s) => s.config.scaling);
  const running = useStore((s) => s.training.running);
  if (!plays) return null;
  if (scaling === 'bm25')
    return (
      <p class="small muted" data-testid="bm25-on">
        {t('train.bm25On')}
      </p>
    );
  return (
    <div class="note small" data-testid="plays-hint">
      <p>{t('train.playsHint')}</p>
      <button type="button" onClick={() => setConfig({ scaling: 'bm25' })} disabled={running} data-testid="use-bm25">
        {t('train.useBm25')}
      </button>
    </div>
  );
}

function ModelSummary({ model }) {
  const t = useWords();
  const match = useModelMatch();
  const info = model.info;
  if (!info)
    return (
      <p class="muted" data-testid="model-info">
        {t('train.noModel')}
      </p>
    );
  const stale = match === Match.stale || match === Match.foreign;
  return (
    <div class="model-summary" data-testid="model-info">
      <p>
        {t('train.modelLine', {
          factors: t('units.factors', { count: info.factors }),
          iterations: t('units.iterations', { count: info.iterations }),
          users: t('units.users', { count: formatInt(info.users) }),
          items: t('units.items', { count: formatInt(info.items) }),
          interactions: t('units.ratings', { count: formatInt(info.interactions) }),
          seconds: formatSeconds(info.trainingSeconds),
        })}
        {info.includesMe && (
          <span class="tag" data-testid="model-includes-me">
            {t('train.includesMe')}
          </span>
        )}
        {info.fromFile && <span class="tag">{model.restored ? t('train.restored') : t('train.fromFile')}</span>}
        {info.imported && (
          <span class="tag" data-testid="model-origin">
            {t(info.origin === 'spark' ? 'train.fromSpark' : 'train.fromImplicit')}
          </span>
        )}
      </p>
      {stale && (
        <p class="note warn" data-testid="model-stale">
          {t('train.stale')}
        </p>
      )}
    </div>
  );
}

export function TrainPanel() {
  const t = useT();
  const training = useStore((s) => s.training);
  const model = useStore((s) => s.model);
  const dataStatus = useStore((s) => s.data.status);
  const estimate = useStore(trainingEstimate);
  const engineInfo = useStore((s) => s.engine.info);
  const p = training.progress;
  const loss = p?.loss?.length ? p.loss : (!training.running && model.info?.loss) || [];
  const iterations = p?.iterations ?? model.info?.iterations ?? 0;
  const threads = p?.threads ?? engineInfo?.threads;
  const canTrain = dataStatus === 'ready' && !training.running;
  return (
    <div class="train-panel">
      <div class="train-grid">
        <div class="stack">
          <TrainSettings disabled={training.running} />
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={!canTrain}
              onClick={() => train()}
              data-testid="train-button"
            >
              {t('train.train')}
            </button>
            {training.running && (
              <button type="button" onClick={cancelTraining} data-testid="train-cancel">
                {t('common.cancel')}
              </button>
            )}
            {dataStatus !== 'ready' && <span class="small muted">{t('train.needData')}</span>}
            {dataStatus === 'ready' && estimate !== null && !training.running && (
              <span class="small muted" data-testid="train-estimate">
                {t('train.estimate', { seconds: formatSeconds(estimate) })}
              </span>
            )}
          </div>
          <PlaysHint />
        </div>
        <div class="stack train-live">
          {p && (
            <ProgressBar
              fraction={p.fraction}
              label={t('train.progressLabel')}
              testid="train-progress"
              text={t('train.progressText', {
                done: p.iterationsDone,
                total: p.iterations,
                seconds: formatSeconds(p.seconds || 0),
                count: threads ?? '?',
              })}
            />
          )}
          <p class="sr-only" aria-live="polite" data-testid="train-status">
            {training.running
              ? t('train.iterationStatus', { done: p?.iterationsDone ?? 0, total: p?.iterations ?? 0 })
              : p?.done
                ? t('train.doneStatus', { seconds: formatSeconds(p.seconds || 0) })
                : ''}
          </p>
          <LossChart loss={loss} iterations={iterations} />
          {loss.length > 0 && (
            <p class="small muted num" data-testid="train-elapsed">
              {t('train.lossLine', {
                first: formatNumber(loss[0], 6),
                last: formatNumber(loss[loss.length - 1], 6),
                seconds: formatSeconds(p?.seconds ?? model.info?.trainingSeconds ?? 0),
              })}
            </p>
          )}
        </div>
      </div>
      <ModelSummary model={model} />
    </div>
  );
}

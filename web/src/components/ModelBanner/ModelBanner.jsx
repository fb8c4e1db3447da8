// At the top of the page whenever the model is not the model of the data
// loaded now (model-match.js): what happened and the one button that fixes
// it, "Train on this data" (with the estimated time); for a model file or a
// restored model of other data also "Use the model with its own items".
// While a model of the new data trains, it says so.
import { useStore } from '../../app/store.js';
import { Match, useModelMatch } from '../../app/model-match.js';
import { train, trainingEstimate } from '../../app/train-actions.js';
import { acceptModel } from '../../app/model-actions.js';
import { formatInt, formatSeconds } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import './ModelBanner.css';

export function ModelBanner() {
  const t = useT();
  const match = useModelMatch();
  const training = useStore((s) => s.training);
  const model = useStore((s) => s.model);
  const dataItems = useStore((s) => s.data.summary?.items ?? 0);
  const estimate = useStore(trainingEstimate);
  const waiting = match === Match.stale || match === Match.foreign;
  if (training.running && (waiting || training.auto) && !training.withMe) {
    const p = training.progress;
    return (
      <div class="model-banner training" role="status" data-testid="model-banner" data-kind="training">
        <p>{t('modelBanner.training', { done: p?.iterationsDone ?? 0, total: p?.iterations ?? 0 })}</p>
      </div>
    );
  }
  if (!waiting) return null;
  const seconds = t('modelBanner.estimate', { seconds: formatSeconds(estimate ?? 0) });
  let text;
  if (match === Match.stale) text = t('modelBanner.stale', { estimate: seconds });
  else {
    const values = {
      name: model.fileName ?? 'model.als',
      modelItems: formatInt(model.info?.items ?? 0),
      dataItems: formatInt(dataItems),
    };
    text = t(model.origin === 'restored' ? 'modelBanner.foreignRestored' : 'modelBanner.foreign', values);
  }
  return (
    <div class="model-banner" role="alert" data-testid="model-banner" data-kind={match}>
      <p>{text}</p>
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => train()}
          disabled={training.running}
          data-testid="banner-train"
        >
          {t('modelBanner.train')}
          {match === Match.foreign ? ` (${seconds})` : ''}
        </button>
        {match === Match.foreign && (
          <button type="button" onClick={acceptModel} data-testid="banner-use-model">
            {t('modelBanner.use')}
          </button>
        )}
      </div>
    </div>
  );
}

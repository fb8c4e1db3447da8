// In every answer section while the model is of other data (model-match.js):
// the section waits for a model of the data loaded now, and says so.
import { Match, useModelMatch } from '../app/model-match.js';
import { useT } from '../i18n/index.js';

export function WaitsForModel() {
  const t = useT();
  const match = useModelMatch();
  if (match !== Match.stale && match !== Match.foreign) return null;
  return (
    <p class="note warn" data-testid="waits-for-model">
      {t('waits.model')}
    </p>
  );
}

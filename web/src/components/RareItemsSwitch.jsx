// The minimum-support rule of similar items and recommendations, said with
// its numbers and its reason (for similar items also the shrinkage that goes
// with it, cpp/queries/item_support.h), and the switch that shows the model's
// raw output (the tutorial's) instead.
import { useStore } from '../app/store.js';
import { useAnswerTable } from '../app/model-match.js';
import { setIncludeRare } from '../app/query-actions.js';
import { formatInt } from '../app/format.js';
import { useWords } from '../app/words.js';

export function RareItemsSwitch({ testid = 'include-rare', similar = false }) {
  const tw = useWords();
  const info = useStore((s) => s.model.info);
  const include = useStore((s) => s.answers.includeRare);
  const table = useAnswerTable();
  if (!info || !table) return null;
  const min = info.defaultMinSupport ?? 0;
  if (min <= 0)
    return (
      <p class="small muted rare-rule" data-testid="rare-rule" data-min={0}>
        {tw('rare.noRule')}
      </p>
    );
  return (
    <div class="rare-items small">
      <p class="muted rare-rule" data-testid="rare-rule" data-min={min}>
        {include
          ? tw('rare.included')
          : tw('rare.rule', { min, hidden: formatInt(info.rareItems ?? 0), items: formatInt(info.items) })}
      </p>
      {similar && !include && info.supportShrinkage > 0 && (
        <p class="muted rare-shrink" data-testid="rare-shrink" data-beta={info.supportShrinkage}>
          {tw('rare.shrink', { beta: info.supportShrinkage })}
        </p>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={include}
          data-testid={testid}
          onChange={(e) => setIncludeRare(e.currentTarget.checked)}
        />{' '}
        {tw('rare.include')}
      </label>
    </div>
  );
}

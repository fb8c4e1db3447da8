// An item's support beside its title: how many people kept it ("1,234
// ratings", "318 listeners"), the evidence its factor vector rests on; for
// play counts optionally its plays too.
import { formatInt } from '../app/format.js';
import { supportKey, useWords } from '../app/words.js';
import './SupportCount.css';

export function SupportCount({ table, index, plays = false }) {
  const tw = useWords();
  const n = table.popularity?.[index] ?? 0;
  const total = table.totals?.[index];
  return (
    <span class="support num" data-testid="support" data-support={n} title={tw('support.help')}>
      {tw(supportKey(tw.words), { count: formatInt(n) })}
      {plays && tw.words.plays && total !== undefined && <> · {tw('support.plays', { count: formatInt(total) })}</>}
    </span>
  );
}

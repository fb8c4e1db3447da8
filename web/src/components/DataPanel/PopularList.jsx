// The 50 most popular items (most users after the threshold), with their
// support (users, or listeners and plays for play counts).
import { formatInt } from '../../app/format.js';
import { useAnswerTable } from '../../app/model-match.js';
import { showSimilar } from '../../app/query-actions.js';
import { supportKey, useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';

export function PopularList({ popular }) {
  const t = useT();
  const tw = useWords();
  const table = useAnswerTable();
  return (
    <div class="popular">
      <h4>{t('data.popularTitle')}</h4>
      <ol class="popular-list" data-testid="popular-list">
        {popular.map((p, k) => {
          const index = table?.indexOfId.get(p.id);
          return (
            <li key={p.id}>
              <span class="rank num" aria-hidden="true">
                {k + 1}
              </span>
              {index !== undefined ? (
                <button
                  type="button"
                  class="link p-title"
                  title={tw('similar.showFor')}
                  onClick={() => showSimilar(index, { scroll: true })}
                >
                  {p.title}
                </button>
              ) : (
                <span class="p-title">{p.title}</span>
              )}
              <span class="users num" data-testid="support" data-support={p.users}>
                {tw(supportKey(tw.words), { count: formatInt(p.users) })}
                {tw.words.plays && p.total !== undefined && <> · {t('support.plays', { count: formatInt(p.total) })}</>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

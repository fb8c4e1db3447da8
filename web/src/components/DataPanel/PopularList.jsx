// The 50 most popular items (most users after the threshold).
import { formatInt } from '../../app/format.js';
import { useStore } from '../../app/store.js';
import { showSimilar } from '../../app/query-actions.js';
import { useT } from '../../i18n/index.js';

export function PopularList({ popular }) {
  const t = useT();
  const table = useStore((s) => s.model.table);
  return (
    <div class="popular">
      <h4>{t('data.popularTitle')}</h4>
      <ol class="popular-list" data-testid="popular-list">
        {popular.map((p, k) => {
          const index = table?.indexOfId.get(p.id);
          return (
            <li key={p.id}>
              <span class="rank num" aria-hidden="true">{k + 1}</span>
              {index !== undefined
                ? <button type="button" class="link p-title" title={t('similar.showFor')} onClick={() => showSimilar(index, { scroll: true })}>{p.title}</button>
                : <span class="p-title">{p.title}</span>}
              <span class="users num">{t('data.usersCount', { count: formatInt(p.users) })}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

// Step 3: the visitor's favorites with ratings; recommendations follow at
// once (fold-in), and "Retrain with me added" trains with them as a user.
import { useStore } from '../../app/store.js';
import { addFavorite, clearFavorites, rateFavorite, removeFavorite } from '../../app/favorites-actions.js';
import { train } from '../../app/train-actions.js';
import { useT } from '../../i18n/index.js';
import { TitleSearch } from '../TitleSearch/TitleSearch.jsx';
import { MovieTitle } from '../MovieTitle.jsx';
import { StarRating } from './StarRating.jsx';
import './FavoritesPanel.css';

export function FavoritesPanel() {
  const t = useT();
  const favorites = useStore((s) => s.favorites);
  const table = useStore((s) => s.model.table);
  const training = useStore((s) => s.training);
  const dataReady = useStore((s) => s.data.status === 'ready');
  const marked = new Set(table ? favorites.map((f) => table.indexOfId.get(f.id)).filter((i) => i !== undefined) : []);
  return (
    <div class="favorites-panel stack">
      <TitleSearch label={t('favorites.searchLabel')} placeholder={t('favorites.searchPlaceholder')} testid="favorites-search"
        marked={marked} markLabel={t('favorites.already')} onPick={(index) => addFavorite(index, 5)} />
      {favorites.length === 0 ? (
        <p class="muted empty-favorites">{table ? t('favorites.empty') : t('favorites.noModel')}</p>
      ) : (
        <ul class="favorites-list" data-testid="favorites-list" aria-label={t('favorites.listLabel')}>
          {favorites.map((f) => {
            const index = table?.indexOfId.get(f.id);
            return (
              <li key={f.id} data-testid="favorite-row" data-id={f.id}>
                <span class="favorite-title">
                  {index !== undefined ? <MovieTitle index={index} title={f.title} /> : f.title}
                </span>
                <StarRating value={f.rating} onChange={(r) => rateFavorite(f.id, r)} label={t('favorites.ratingFor', { title: f.title })} />
                <button type="button" class="icon remove" onClick={() => removeFavorite(f.id)} data-testid="favorite-remove"
                  aria-label={t('favorites.remove', { title: f.title })}>✕</button>
              </li>
            );
          })}
        </ul>
      )}
      <div class="row">
        <button type="button" class="primary" onClick={() => train({ withMe: true })} data-testid="retrain-with-me"
          disabled={favorites.length === 0 || training.running || !dataReady}>
          {t('favorites.retrain')}
        </button>
        {favorites.length > 0 && (
          <button type="button" onClick={clearFavorites} data-testid="favorites-clear">{t('favorites.clear')}</button>
        )}
      </div>
      <p class="small muted">{t('favorites.retrainHelp')}</p>
    </div>
  );
}

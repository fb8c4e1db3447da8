// Step 3: the visitor's favorites — movies with a 1-5 rating, artists with a
// like that counts as a play count; recommendations follow at once (fold-in),
// and "Retrain with me added" trains with them as a user. A favorite the data
// loaded now does not have stays, marked "not in this data set"; one found by
// its title says so; the demo listener's are labelled.
import { useStore } from '../../app/store.js';
import {
  addFavorite,
  clearFavorites,
  rateFavorite,
  removeDemoFavorites,
  removeFavorite,
  setFavoritePlays,
} from '../../app/favorites-actions.js';
import { matchFavorite } from '../../app/favorites.js';
import { Match, useAnswerTable, useModelMatch } from '../../app/model-match.js';
import { train } from '../../app/train-actions.js';
import { formatInt } from '../../app/format.js';
import { useWords } from '../../app/words.js';
import { useT } from '../../i18n/index.js';
import { TitleSearch } from '../TitleSearch/TitleSearch.jsx';
import { MovieTitle } from '../MovieTitle.jsx';
import { SupportCount } from '../SupportCount.jsx';
import { WaitsForModel } from '../WaitsForModel.jsx';
import { DemoSet, demoSetOfFavorites } from '../../app/demo-set.js';
import { StarRating } from './StarRating.jsx';
import './FavoritesPanel.css';

function PlaysField({ favorite, median }) {
  const t = useT();
  return (
    <span class="plays-field">
      <span class="liked">{t('favorites.liked')}</span>
      <label title={t('favorites.playsHelp', { median: formatInt(median) })}>
        <input
          type="number"
          min="1"
          step="1"
          value={favorite.plays}
          data-testid="favorite-plays"
          aria-label={t('favorites.playsFor', { title: favorite.title })}
          onChange={(e) => setFavoritePlays(favorite.uid, Math.round(Number(e.currentTarget.value)))}
        />{' '}
        {t('favorites.playsUnit')}
      </label>
    </span>
  );
}

function FavoriteRow({ favorite: f, table, median }) {
  const t = useT();
  const { index, how } = table ? matchFavorite(table, f) : { index: -1, how: null };
  const here = index >= 0;
  const unknown = !table; // no model of the data loaded now: not known whether it is here
  return (
    <li
      data-testid="favorite-row"
      data-uid={f.uid}
      data-id={here ? table.ids[index] : ''}
      data-here={here ? 'true' : unknown ? 'unknown' : 'false'}
      class={`${here || unknown ? '' : 'not-here'} ${f.scale === 'plays' ? 'plays' : ''}`}
    >
      <span class="favorite-title">
        {here ? <MovieTitle index={index} title={table.titles[index]} /> : <span class="title-text">{f.title}</span>}
        {f.demo && <span class="tag demo">{t('favorites.demoTag')}</span>}
        {here && how === 'title' && table.titles[index] !== f.title && (
          <>
            <span
              class="tag"
              title={t('favorites.byTitleHelp', { title: table.titles[index] })}
              data-testid="favorite-by-title"
            >
              {t('favorites.byTitle')}
            </span>
            <span class="picked-as">{t('favorites.pickedAs', { title: f.title })}</span>
          </>
        )}
        {!here && !unknown && (
          <span class="tag warn" title={t('favorites.notHereHelp')} data-testid="favorite-not-here">
            {t('favorites.notHere')}
          </span>
        )}
        {here && <SupportCount table={table} index={index} />}
      </span>
      {f.scale === 'plays' ? (
        <PlaysField favorite={f} median={median} />
      ) : (
        <StarRating
          value={f.rating}
          onChange={(r) => rateFavorite(f.uid, r)}
          label={t('favorites.ratingFor', { title: f.title })}
        />
      )}
      <button
        type="button"
        class="icon remove"
        onClick={() => removeFavorite(f.uid)}
        data-testid="favorite-remove"
        aria-label={t('favorites.remove', { title: f.title })}
      >
        ✕
      </button>
    </li>
  );
}

export function FavoritesPanel() {
  const t = useT();
  const tw = useWords();
  const favorites = useStore((s) => s.favorites);
  const table = useAnswerTable();
  const match = useModelMatch();
  const training = useStore((s) => s.training);
  const dataReady = useStore((s) => s.data.status === 'ready');
  const median = useStore((s) => s.data.summary?.medianKeptValue ?? 1);
  const marked = new Set(table ? favorites.map((f) => matchFavorite(table, f).index).filter((i) => i >= 0) : []);
  const demo = favorites.some((f) => f.demo);
  // The demo favorites on the demo set, or carried over to other data (said in those data's words).
  const demoData = useStore((s) => s.data.source?.kind === 'demo' || s.data.status !== 'ready');
  const notHere = table ? favorites.filter((f) => matchFavorite(table, f).index < 0).length : 0;
  return (
    <div class="favorites-panel stack">
      <WaitsForModel />
      <TitleSearch
        label={t('favorites.searchLabel')}
        placeholder={tw('favorites.searchPlaceholder')}
        testid="favorites-search"
        marked={marked}
        markLabel={t('favorites.already')}
        onPick={(index) => addFavorite(index)}
      />
      {demo && (
        <p class="note small" data-testid="demo-favorites-note">
          {demoSetOfFavorites(favorites) === DemoSet.movielens
            ? demoData
              ? t('favorites.tutorialNote')
              : tw('favorites.tutorialNoteCarried')
            : demoData
              ? t('favorites.demoNote')
              : tw('favorites.demoNoteCarried')}
        </p>
      )}
      {favorites.length === 0 ? (
        <p class="muted empty-favorites">{table ? tw('favorites.empty') : t('favorites.noModel')}</p>
      ) : (
        <ul class="favorites-list" data-testid="favorites-list" aria-label={t('favorites.listLabel')}>
          {favorites.map((f) => (
            <FavoriteRow key={f.uid} favorite={f} table={table} median={median} />
          ))}
        </ul>
      )}
      {notHere > 0 && (
        <p class="small muted" data-testid="favorites-not-here-note">
          {t('favorites.notHereCount', { count: notHere })} {t('favorites.notHereHelp')}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => train({ withMe: true })}
          data-testid="retrain-with-me"
          disabled={favorites.length === 0 || training.running || !dataReady || match !== Match.current}
        >
          {t('favorites.retrain')}
        </button>
        {demo && (
          <button type="button" onClick={removeDemoFavorites} data-testid="favorites-remove-demo">
            {t('favorites.removeDemo')}
          </button>
        )}
        {favorites.length > 0 && (
          <button type="button" onClick={clearFavorites} data-testid="favorites-clear">
            {t('favorites.clear')}
          </button>
        )}
      </div>
      <p class="small muted">{t('favorites.retrainHelp')}</p>
    </div>
  );
}

// A movie title anywhere on the page: text (never HTML), and a button that
// shows the movie's neighbours in "Similar movies".
import { showSimilar } from '../app/query-actions.js';
import { useWords } from '../app/words.js';

export function MovieTitle({ index, title, genres }) {
  const tw = useWords();
  return (
    <span class="movie-title">
      <button
        type="button"
        class="link"
        title={tw('similar.showFor')}
        data-item={index}
        onClick={() => showSimilar(index, { scroll: true })}
      >
        {title}
      </button>
      {genres && genres.length > 0 && <span class="genres"> {genres.join(', ')}</span>}
    </span>
  );
}

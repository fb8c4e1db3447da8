// 1-5 stars as a radio group (one tab stop; arrow keys change the rating
// and focus follows the checked star).
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../i18n/index.js';

export function StarRating({ value, onChange, label }) {
  const t = useT();
  const group = useRef(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    group.current?.querySelector('[aria-checked="true"]')?.focus();
  }, [value]);
  const onKeyDown = (e) => {
    let next;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = Math.min(5, value + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') next = Math.max(1, value - 1);
    else if (e.key === 'Home') next = 1;
    else if (e.key === 'End') next = 5;
    else return;
    e.preventDefault();
    if (next !== value) {
      moved.current = true;
      onChange(next);
    }
  };
  return (
    <span
      class="stars"
      role="radiogroup"
      aria-label={label}
      onKeyDown={onKeyDown}
      ref={group}
      data-testid="favorite-rating"
      data-value={value}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={n === value}
          tabIndex={n === value ? 0 : -1}
          aria-label={t('favorites.stars', { count: n })}
          class={n <= value ? 'on' : ''}
          onClick={() => onChange(n)}
        >
          ★
        </button>
      ))}
    </span>
  );
}

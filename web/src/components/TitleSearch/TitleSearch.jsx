// Type-ahead over every title of the model (an ARIA combobox): words match
// anywhere, accents and case ignored, the best ~20 shown, each with its
// support (ratings, listeners); arrow keys move, Enter picks, Escape closes.
// Disabled while the model is not the model of the data loaded now.
import { useMemo, useState, useRef } from 'preact/hooks';
import { useAnswerTable } from '../../app/model-match.js';
import { searchTitles } from '../../app/item-table.js';
import { formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { SupportCount } from '../SupportCount.jsx';
import './TitleSearch.css';

let nextId = 1;

export function TitleSearch({ label, placeholder, onPick, testid, marked, markLabel }) {
  const t = useT();
  const table = useAnswerTable();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const id = useRef(`title-search-${nextId++}`).current;
  // Closing on blur waits a moment (a click on an option lands first); a focus
  // or a keystroke in between keeps the list open (else it closed under the typing).
  const closing = useRef(0);
  const keepOpen = () => {
    clearTimeout(closing.current);
    setOpen(true);
  };
  const { items, total } = useMemo(() => searchTitles(table, query, 20), [table, query]);
  const showList = open && query.trim() !== '';

  const pick = (index) => {
    onPick(index);
    setQuery('');
    setActive(0);
    setOpen(false);
  };
  const onKeyDown = (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (showList && items[active] !== undefined) {
        e.preventDefault();
        pick(items[active]);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  return (
    <div class="title-search">
      <label for={`${id}-input`} class="field-label">
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && items.length ? `${id}-opt-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        disabled={!table}
        data-testid={testid}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
          keepOpen();
        }}
        onKeyDown={onKeyDown}
        onFocus={keepOpen}
        onBlur={() => {
          clearTimeout(closing.current);
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
      />
      {showList && (
        <div class="title-search-popup">
          <ul id={`${id}-list`} role="listbox" aria-label={label} data-testid={testid && `${testid}-results`}>
            {items.map((index, k) => (
              <li
                key={index}
                id={`${id}-opt-${k}`}
                role="option"
                aria-selected={k === active}
                class={k === active ? 'active' : ''}
                data-testid="search-result"
                data-item={index}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(index);
                }}
                onMouseEnter={() => setActive(k)}
              >
                <span class="result-title">{table.titles[index]}</span>
                {marked?.has(index) && <span class="result-mark">{markLabel}</span>}
                <span class="genres">{table.genres[index].join(', ')}</span>
                <SupportCount table={table} index={index} />
              </li>
            ))}
            {items.length === 0 && (
              <li class="empty" role="option" aria-disabled="true">
                {t('search.none')}
              </li>
            )}
          </ul>
          {total > items.length && (
            <p class="more small">{t('search.more', { shown: items.length, total: formatInt(total) })}</p>
          )}
        </div>
      )}
      <p class="sr-only" aria-live="polite">
        {showList ? t('search.count', { count: total }) : ''}
      </p>
    </div>
  );
}

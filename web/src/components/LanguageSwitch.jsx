// English / 한국어, remembered in localStorage.
import { useStore } from '../app/store.js';
import { setLanguage, useT } from '../i18n/index.js';
import './LanguageSwitch.css';

const CHOICES = [
  ['en', 'English'],
  ['ko', '한국어'],
];

export function LanguageSwitch() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  return (
    <div class="language-switch" role="group" aria-label={t('lang.label')} data-testid="language-switch">
      {CHOICES.map(([code, name]) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={lang === code}
          class={lang === code ? 'on' : ''}
          data-testid={`lang-${code}`}
          onClick={() => setLanguage(code)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}

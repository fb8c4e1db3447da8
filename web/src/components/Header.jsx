// Title, what this is, which engine build runs, and the language switch.
import { useWords } from '../app/words.js';
import { BuildBadge } from './BuildBadge.jsx';
import { LanguageSwitch } from './LanguageSwitch.jsx';
import './Header.css';

export function Header() {
  const t = useWords();
  return (
    <header class="app-header">
      <div class="app-header-inner">
        <div class="app-title">
          <h1 translate={false}>{t('app.title')}</h1>
          <p>{t('app.tagline')}</p>
        </div>
        <div class="app-header-side">
          <BuildBadge />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}

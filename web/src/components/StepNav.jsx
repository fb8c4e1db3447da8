// The steps at a glance, always at hand (links to the sections).
import { useWords } from '../app/words.js';
import './StepNav.css';

import { STEPS } from '../app/steps.js';

export { STEPS };

export function StepNav() {
  const t = useWords();
  return (
    <nav class="step-nav" aria-label={t('nav.label')}>
      <ol>
        {STEPS.map((step, k) => (
          <li key={step}>
            <a href={`#step-${step}`}>
              <span class="n" aria-hidden="true">
                {k + 1}
              </span>
              {t(`${step}.short`)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

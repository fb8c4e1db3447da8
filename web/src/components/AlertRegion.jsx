// Failures and notices, in the page's flow next to the step they concern
// (a failed load in "Your data", a failed evaluation in "How good is it?"),
// so they never lie over a control; anything not tied to a step is shown at
// the top of the page. A failure says what was being done, what was wrong
// (as a sentence), and where (file, line); the app keeps what it had.
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../app/store.js';
import { dismissError, dismissNotice } from '../app/engine.js';
import { useT } from '../i18n/index.js';
import { asSentence } from '../i18n/sentence.js';
import { faultText } from '../app/fault-text.js';
import './AlertRegion.css';

// The step an action (an 'action.*' key) or a notice belongs to; others go to the top.
const STEP_OF = {
  'action.loadFiles': 'data',
  'action.loadDemo': 'data',
  'action.prepare': 'data',
  'action.restoreData': 'data',
  'action.train': 'train',
  'action.restoreModel': 'train',
  'action.tune': 'tune',
  'notice.settingsUsed': 'train',
  'action.evaluate': 'evaluate',
  'action.recommend': 'recommendations',
  'action.similar': 'similar',
  'action.preference': 'preference',
  'action.embedding': 'map',
  'action.keepModel': 'keep',
  'action.saveModel': 'keep',
  'action.loadModel': 'keep',
  'notice.favoritesDropped': 'favorites',
  'notice.addFavoritesFirst': 'favorites',
  'notice.modelLoadedMatches': 'keep',
  'notice.modelLoadedOwnData': 'keep',
  'notice.forgotten': 'keep',
};

export function stepOfAlert({ action, key, params }) {
  return STEP_OF[action] ?? STEP_OF[key] ?? STEP_OF[params?.action] ?? null;
}

function ErrorItem({ error, t, lang }) {
  const where = error.file
    ? error.line
      ? t('error.whereLine', { file: error.file, line: error.line.toLocaleString('en-US') })
      : t('error.whereFile', { file: error.file })
    : '';
  const ref = useRef(null);
  useEffect(() => ref.current?.scrollIntoView?.({ block: 'nearest' }), []);
  return (
    <div class="alert error" data-testid="error-item" data-kind={error.kind} ref={ref}>
      <div>
        <strong>{t('error.title', { action: t(error.action) })}</strong>
        <p class="message" data-testid="error-message">
          {error.opaque ? t('error.opaque') : asSentence(faultText(lang, error))}
        </p>
        {where && (
          <p class="where" data-testid="error-where">
            {where}
          </p>
        )}
        <p class="kept">{t(error.kind === 'memory' ? 'error.memoryHint' : 'error.kept')}</p>
      </div>
      <button type="button" class="icon" onClick={() => dismissError(error.id)} aria-label={t('common.dismiss')}>
        ✕
      </button>
    </div>
  );
}

// step: the step whose alerts to show here, or null for those of no step.
export function AlertRegion({ step = null }) {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const errors = useStore((s) => s.errors).filter((e) => stepOfAlert(e) === step);
  const notices = useStore((s) => s.notices).filter((n) => stepOfAlert(n) === step);
  return (
    <div class={`alert-region ${errors.length || notices.length ? 'has-alerts' : ''}`} data-step={step ?? 'page'}>
      <div role="alert" data-testid="error-alert" class="alert-list">
        {errors.map((e) => (
          <ErrorItem key={e.id} error={e} t={t} lang={lang} />
        ))}
      </div>
      <div role="status" aria-live="polite" data-testid="notices" class="alert-list">
        {notices.map((n) => (
          <div key={n.id} class="alert notice" data-testid="notice" data-key={n.key}>
            <p>{t(n.key, { ...n.params, action: n.params.action ? t(n.params.action) : '' })}</p>
            <button type="button" class="icon" onClick={() => dismissNotice(n.id)} aria-label={t('common.dismiss')}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

// Failures and notices, fixed at the bottom of the window so they are seen
// wherever the visitor is. A failure says what was being done, what was
// wrong, and where (file, line); the app keeps what it had.
import { useStore } from '../app/store.js';
import { dismissError, dismissNotice } from '../app/engine.js';
import { useT } from '../i18n/index.js';
import { faultText } from '../app/fault-text.js';
import './AlertRegion.css';

function ErrorItem({ error, t, lang }) {
  const where = error.file ? (error.line ? t('error.whereLine', { file: error.file, line: error.line.toLocaleString('en-US') }) : t('error.whereFile', { file: error.file })) : '';
  return (
    <div class="alert error" data-testid="error-item" data-kind={error.kind}>
      <div>
        <strong>{t('error.title', { action: t(error.action) })}</strong>
        <p class="message" data-testid="error-message">{error.opaque ? t('error.opaque') : faultText(lang, error)}</p>
        {where && <p class="where" data-testid="error-where">{where}</p>}
        <p class="kept">{t(error.kind === 'memory' ? 'error.memoryHint' : 'error.kept')}</p>
      </div>
      <button type="button" class="icon" onClick={() => dismissError(error.id)} aria-label={t('common.dismiss')}>✕</button>
    </div>
  );
}

export function AlertRegion() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const errors = useStore((s) => s.errors);
  const notices = useStore((s) => s.notices);
  return (
    <div class="alert-region">
      <div role="alert" data-testid="error-alert" class="alert-list">
        {errors.map((e) => <ErrorItem key={e.id} error={e} t={t} lang={lang} />)}
      </div>
      <div role="status" aria-live="polite" data-testid="notices" class="alert-list">
        {notices.map((n) => (
          <div key={n.id} class="alert notice" data-testid="notice" data-key={n.key}>
            <p>{t(n.key, { ...n.params, action: n.params.action ? t(n.params.action) : '' })}</p>
            <button type="button" class="icon" onClick={() => dismissNotice(n.id)} aria-label={t('common.dismiss')}>✕</button>
          </div>
        ))}
      </div>
    </div>
  );
}

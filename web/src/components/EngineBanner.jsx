// Tells the visitor when the engine restarted after a crash (and whether
// their data and model came back), or that the last visit was restored.
import { useStore, setState } from '../app/store.js';
import { useT } from '../i18n/index.js';
import './EngineBanner.css';

export function EngineBanner() {
  const t = useT();
  const banner = useStore((s) => s.banner);
  if (!banner) return null;
  const tone = banner.kind === 'restore-failed' ? 'error' : banner.kind === 'restarting' ? 'warn' : 'info';
  const when = banner.savedAt ? new Date(banner.savedAt).toLocaleString() : '';
  return (
    <div class={`engine-banner ${tone}`} role="status" data-testid="engine-banner" data-kind={banner.kind}>
      <p>
        {t(`banner.${banner.kind}`, { when })}
        {banner.message && <span class="reason"> ({banner.message})</span>}
      </p>
      {banner.kind !== 'restarting' && (
        <button type="button" class="icon" onClick={() => setState({ banner: null })} aria-label={t('common.dismiss')}>
          ✕
        </button>
      )}
    </div>
  );
}

// Which engine build runs: threads + SIMD or SIMD alone, how many threads,
// and whether the page is cross-origin isolated (what threads need).
import { useStore } from '../app/store.js';
import { useT } from '../i18n/index.js';
import './BuildBadge.css';

export function BuildBadge() {
  const t = useT();
  const engine = useStore((s) => s.engine);
  const info = engine.info;
  let text;
  let detail = '';
  if (engine.status === 'failed') text = t('build.failed');
  else if (!info) text = t('build.starting');
  else {
    text = info.variant === 'threads' ? t('build.threads', { count: info.threads }) : t('build.simd');
    detail = info.isolated ? t('build.isolated') : t('build.notIsolated');
  }
  const title = info ? `${t('build.tooltip')} ${info.simd ?? ''}` : undefined;
  return (
    <div
      class={`build-badge ${engine.status}`}
      data-testid="build-badge"
      data-variant={info?.variant}
      data-threads={info?.threads}
      data-isolated={info ? String(info.isolated) : undefined}
      title={title}
    >
      <span class="dot" aria-hidden="true" />
      <span>
        <strong>{text}</strong>
        {detail && <span class="detail">{detail}</span>}
        {engine.status === 'restarting' && <span class="detail">{t('build.restarting')}</span>}
      </span>
    </div>
  );
}

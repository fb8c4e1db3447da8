// Step 1: get data in, see what was read, and filter it.
import { useStore } from '../../app/store.js';
import { cancelLoading } from '../../app/data-actions.js';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { ProgressBar } from '../ProgressBar.jsx';
import { DropZone } from './DropZone.jsx';
import { FolderChoice } from './FolderChoice.jsx';
import { ThresholdRetry } from './ThresholdRetry.jsx';
import { DataSummary } from './DataSummary.jsx';
import './DataPanel.css';

function LoadProgress({ progress }) {
  const t = useT();
  const { phase, bytesDone = 0, bytesTotal = 0, file } = progress;
  const fraction = phase === 'preparing' ? 1 : bytesTotal > 0 ? bytesDone / bytesTotal : null;
  const text = phase === 'preparing'
    ? t('data.preparing')
    : t('data.reading', { done: formatBytes(bytesDone), total: bytesTotal ? formatBytes(bytesTotal) : '…', file: file || '' });
  return (
    <div class="load-progress">
      <ProgressBar fraction={fraction} label={t('data.progressLabel')} text={text} testid="data-progress" />
      <button type="button" onClick={cancelLoading} data-testid="data-cancel">{t('common.cancel')}</button>
    </div>
  );
}

export function DataPanel() {
  const data = useStore((s) => s.data);
  return (
    <div class="data-panel stack">
      <DropZone busy={data.status === 'loading'} />
      {data.status === 'loading' && data.progress && <LoadProgress progress={data.progress} />}
      {data.chooseFolder && <FolderChoice folders={data.chooseFolder} />}
      {data.refused && data.status !== 'loading' && <ThresholdRetry />}
      {data.summary && <DataSummary summary={data.summary} source={data.source} />}
    </div>
  );
}

// Step 1: get data in, see what was read, and filter it.
import { useStore } from '../../app/store.js';
import { cancelLoading } from '../../app/data-actions.js';
import { formatBytes, formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { ProgressBar } from '../ProgressBar.jsx';
import { DropZone } from './DropZone.jsx';
import { FolderChoice } from './FolderChoice.jsx';
import { ThresholdRetry } from './ThresholdRetry.jsx';
import { DataSummary } from './DataSummary.jsx';
import './DataPanel.css';

// MB as the bar counts them (2^20 bytes, as formatBytes), whole above 10.
const megabytes = (bytes) => {
  const v = bytes / 2 ** 20;
  return v >= 10 ? formatInt(Math.round(v)) : v.toFixed(1);
};

function progressText(t, progress) {
  const { phase, bytesDone = 0, bytesTotal = 0, file, archive } = progress;
  if (phase === 'preparing') return t('data.preparing');
  if (phase === 'waiting') return t('data.waiting', { action: t(`action.${progress.behind}`) });
  // A zip entry: the inflated bytes of the entry being read.
  if (archive) {
    return t('data.readingZip', {
      file,
      archive,
      done: megabytes(progress.entryDone ?? 0),
      total: megabytes(progress.entryTotal ?? 0),
      n: progress.fileIndex,
      count: progress.fileCount,
    });
  }
  return t('data.reading', {
    done: formatBytes(bytesDone),
    total: bytesTotal ? formatBytes(bytesTotal) : '…',
    file: file || '',
  });
}

function LoadProgress({ progress }) {
  const t = useT();
  const { phase, bytesDone = 0, bytesTotal = 0 } = progress;
  const fraction =
    phase === 'preparing' ? 1 : phase === 'waiting' ? null : bytesTotal > 0 ? bytesDone / bytesTotal : null;
  const text = progressText(t, progress);
  return (
    <div class="load-progress">
      <ProgressBar fraction={fraction} label={t('data.progressLabel')} text={text} testid="data-progress" />
      <button type="button" onClick={cancelLoading} data-testid="data-cancel">
        {t('common.cancel')}
      </button>
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

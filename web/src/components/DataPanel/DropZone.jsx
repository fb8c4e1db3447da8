// Files, a folder, or the .zip as downloaded from GroupLens: dropped or
// chosen. Dropped folders are walked; each file keeps its path in its name
// ("ml-1m/ratings.dat") so the engine sees the data set's folder.
import { useEffect, useState } from 'preact/hooks';
import { loadDemo, loadFiles } from '../../app/data-actions.js';
import { DemoSet, pageDemoSet } from '../../app/demo-set.js';
import { useT } from '../../i18n/index.js';

// The shipped set this page does not use by default (the other button of step 1).
const otherDemoSet = () => (pageDemoSet() === DemoSet.movielens ? DemoSet.generated : DemoSet.movielens);

function readAllEntries(reader) {
  return new Promise((resolve, reject) => {
    const all = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function filesOfEntry(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    const path = entry.fullPath.replace(/^\//, '');
    out.push(path === file.name ? file : new File([file], path, { type: file.type, lastModified: file.lastModified }));
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry.createReader())) await filesOfEntry(child, out);
  }
}

async function droppedFiles(dataTransfer) {
  const entries = [...(dataTransfer.items || [])].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length === 0) return [...dataTransfer.files];
  const out = [];
  for (const entry of entries) await filesOfEntry(entry, out);
  return out;
}

// Files from <input webkitdirectory>: keep the relative path in the name.
function withPaths(fileList) {
  return [...fileList].map((f) =>
    f.webkitRelativePath && f.webkitRelativePath !== f.name
      ? new File([f], f.webkitRelativePath, { type: f.type, lastModified: f.lastModified })
      : f,
  );
}

export function DropZone({ busy }) {
  const t = useT();
  const [over, setOver] = useState(false);
  const [strict, setStrict] = useState(false);
  // A file dropped beside the zone must not make the browser open it (and leave the page).
  useEffect(() => {
    const stop = (e) => {
      if (e.dataTransfer?.types?.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDrop = async (event) => {
    event.preventDefault();
    setOver(false);
    if (busy) return;
    loadFiles(await droppedFiles(event.dataTransfer), { strict });
  };
  const onPick = (event) => {
    const files = withPaths(event.currentTarget.files);
    event.currentTarget.value = '';
    loadFiles(files, { strict });
  };

  return (
    <div
      class={`drop-zone ${over ? 'over' : ''} ${busy ? 'busy' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <p class="drop-title">{t('data.dropTitle')}</p>
      <p class="drop-help">{t('data.dropHelp')}</p>
      <div class="row drop-actions">
        <label class="button primary">
          {t('data.chooseFiles')}
          <input
            type="file"
            multiple
            class="sr-only"
            disabled={busy}
            data-testid="data-file-input"
            accept=".zip,.csv,.dat,.data,.item,.tsv,.txt,.user,.genre"
            onChange={onPick}
          />
        </label>
        <label class="button">
          {t('data.chooseFolder')}
          <input
            type="file"
            class="sr-only"
            webkitdirectory={true}
            directory=""
            disabled={busy}
            data-testid="data-folder-input"
            onChange={onPick}
          />
        </label>
        <button type="button" onClick={() => loadDemo()} disabled={busy} data-testid="load-demo">
          {t(pageDemoSet() === DemoSet.movielens ? 'data.useShipped' : 'data.useDemo')}
        </button>
        <button
          type="button"
          onClick={() => loadDemo({ set: otherDemoSet() })}
          disabled={busy}
          data-testid="load-other-demo"
        >
          {t(otherDemoSet() === DemoSet.movielens ? 'data.useShipped' : 'data.useDemo')}
        </button>
      </div>
      <label class="strict small">
        <input
          type="checkbox"
          checked={strict}
          onChange={(e) => setStrict(e.currentTarget.checked)}
          data-testid="data-strict"
        />{' '}
        {t('data.strict')}
      </label>
      <p class="privacy small">{t('data.privacy')}</p>
    </div>
  );
}

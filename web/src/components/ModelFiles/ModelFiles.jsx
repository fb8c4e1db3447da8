// Step 9: keep the work. Save the model as model.als (a local download),
// load a model file, and know that the last model and the favorites are
// kept in this browser (IndexedDB) so a reload does not retrain.
import { useState } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import { downloadModel, forgetSavedWork, loadModelFile } from '../../app/model-actions.js';
import { formatBytes } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { ForeignModels } from './ForeignModels.jsx';
import './ModelFiles.css';

export function ModelFiles() {
  const t = useT();
  const hasModel = useStore((s) => Boolean(s.model.info));
  const kept = useStore((s) => s.model.bytes);
  const [withRatings, setWithRatings] = useState(true);
  const [saved, setSaved] = useState(0);
  const save = async () => setSaved(await downloadModel(withRatings));
  const onPick = (e) => {
    const file = e.currentTarget.files[0];
    e.currentTarget.value = '';
    if (file) loadModelFile(file);
  };
  return (
    <div class="model-files stack">
      <div class="grid-2">
        <div class="stack">
          <h3>{t('keep.saveTitle')}</h3>
          <label class="small">
            <input
              type="checkbox"
              checked={withRatings}
              onChange={(e) => setWithRatings(e.currentTarget.checked)}
              data-testid="save-include-ratings"
            />{' '}
            {t('keep.includeRatings')}
          </label>
          <div class="row">
            <button type="button" class="primary" disabled={!hasModel} onClick={save} data-testid="save-model">
              {t('keep.save')}
            </button>
            {saved > 0 && (
              <span class="small muted" data-testid="save-model-done">
                {t('keep.saved', { size: formatBytes(saved) })}
              </span>
            )}
          </div>
        </div>
        <div class="stack">
          <h3>{t('keep.loadTitle')}</h3>
          <p class="small muted">{t('keep.loadHelp')}</p>
          <label class="button">
            {t('keep.load')}
            <input
              type="file"
              accept=".als,application/octet-stream"
              class="sr-only"
              onChange={onPick}
              data-testid="load-model-input"
            />
          </label>
        </div>
      </div>
      <ForeignModels />
      <div class="note kept-note" data-testid="kept-status">
        <p>{kept ? t('keep.keptInBrowser', { size: formatBytes(kept.length) }) : t('keep.notKept')}</p>
        <button type="button" class="icon" onClick={forgetSavedWork} data-testid="forget-saved">
          {t('keep.forget')}
        </button>
      </div>
    </div>
  );
}

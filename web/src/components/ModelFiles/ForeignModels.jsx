// Models trained elsewhere, in the last step (Keep): bring in implicit's .npz or Spark's
// ALSModel (folder or zip) for the data loaded, say how its rows were
// numbered when the sizes leave a choice, see which formulation answers,
// and send this model on to implicit or Spark.
import { useState } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import {
  cancelRowsChoice,
  chooseRows,
  exportModel,
  importModelFiles,
  setSparkSettings,
} from '../../app/model-actions.js';
import { formatBytes, formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { useWords } from '../../app/words.js';

const percent = (share) => `${Math.round(share * 100)}%`;
// A setting as it was given (0.01, 40), not padded to a fixed number of digits.
const setting = (x) => String(Number(Number(x).toPrecision(6)));

function RowsChoice({ foreign }) {
  const t = useT();
  const choices = foreign.chooseRows;
  const best = choices.reduce((b, c, k) => (c.fit.ratedPairAuc > choices[b].fit.ratedPairAuc ? k : b), 0);
  const [picked, setPicked] = useState(best);
  return (
    <form
      class="stack note"
      data-testid="rows-choice"
      onSubmit={(e) => {
        e.preventDefault();
        chooseRows(choices[picked].conventions[0]);
      }}
    >
      <h4>{t('keep.chooseRowsTitle')}</h4>
      <p class="small">{t('keep.chooseRowsHelp', { name: foreign.name })}</p>
      <fieldset class="stack">
        <legend class="sr-only">{t('keep.chooseRowsTitle')}</legend>
        {choices.map((c, k) => (
          <label key={c.conventions.join()} data-testid={`rows-${c.conventions[0]}`}>
            <input type="radio" name="rows" checked={picked === k} onChange={() => setPicked(k)} />{' '}
            {c.conventions.map((name) => t(`keep.rows.${name}`)).join(' = ')}{' '}
            <span class="small muted num">
              ({t('keep.rowsEvidence', { share: percent(c.fit.ratedPairAuc), pairs: formatInt(c.fit.pairsChecked) })})
            </span>
            {k === best && <span class="tag">{t('keep.rowsBest')}</span>}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={foreign.busy} data-testid="use-rows">
          {t('keep.useRows')}
        </button>
        <button type="button" onClick={cancelRowsChoice}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

// Which model answers, and by which formulation (shown once one is imported).
function ImportedNote({ info }) {
  const t = useT();
  const values = {
    details: info.originDetails,
    alpha: setting(info.alpha),
    regularization: setting(info.regularization),
  };
  return (
    <div class="note" data-testid="imported-note" data-formulation={info.formulation}>
      <p class="small">{t(info.formulation === 'spark' ? 'keep.importedSpark' : 'keep.importedImplicit', values)}</p>
      {info.fit && (
        <p class="small muted num" data-testid="imported-fit">
          {t('keep.importFit', {
            matched: formatInt(info.fit.itemsMatched),
            items: formatInt(info.fit.dataItems),
            share: percent(info.fit.ratedPairAuc),
          })}
        </p>
      )}
      {info.fit && !info.fit.plausible && <p class="small warn">{info.fit.message}</p>}
    </div>
  );
}

export function ForeignModels() {
  const t = useT();
  const tw = useWords();
  const foreign = useStore((s) => s.foreign);
  const info = useStore((s) => s.model.info);
  const dataReady = useStore((s) => s.data.status === 'ready');
  const [exported, setExported] = useState(0);
  const onPick = (e) => {
    // A folder's files carry their path in the name (a File sent to the worker keeps only its name).
    const files = [...e.currentTarget.files].map((f) =>
      f.webkitRelativePath && f.webkitRelativePath !== f.name
        ? new File([f], f.webkitRelativePath, { type: f.type, lastModified: f.lastModified })
        : f,
    );
    e.currentTarget.value = '';
    if (files.length) importModelFiles(files);
  };
  const number = (key) => (e) => {
    const v = Number(e.currentTarget.value);
    if (Number.isFinite(v) && v >= 0) setSparkSettings({ [key]: v });
  };
  return (
    <div class="grid-2 foreign-models">
      <div class="stack">
        <h3>{t('keep.foreignTitle')}</h3>
        <p class="small muted">{tw('keep.foreignHelp')}</p>
        <div class="row">
          <label class={`button ${dataReady && !foreign.busy ? '' : 'disabled'}`}>
            {t('keep.chooseNpz')}
            <input
              type="file"
              accept=".npz,.zip,.als"
              class="sr-only"
              disabled={!dataReady || foreign.busy}
              onChange={onPick}
              data-testid="import-model-input"
            />
          </label>
          <label class={`button ${dataReady && !foreign.busy ? '' : 'disabled'}`}>
            {t('keep.chooseSparkFolder')}
            <input
              type="file"
              webkitdirectory={true}
              directory=""
              multiple
              class="sr-only"
              disabled={!dataReady || foreign.busy}
              onChange={onPick}
              data-testid="import-spark-folder"
            />
          </label>
        </div>
        <p class="small muted">{t('keep.sparkSettings')}</p>
        <div class="row">
          <label class="small">
            {t('keep.sparkAlpha')}{' '}
            <input
              type="number"
              min="0"
              step="any"
              value={foreign.spark.alpha}
              onInput={number('alpha')}
              data-testid="spark-alpha"
            />
          </label>
          <label class="small">
            {t('keep.sparkRegParam')}{' '}
            <input
              type="number"
              min="0"
              step="any"
              value={foreign.spark.regParam}
              onInput={number('regParam')}
              data-testid="spark-reg-param"
            />
          </label>
        </div>
        {foreign.busy && (
          <p class="small muted" role="status">
            {t('keep.importing')}
          </p>
        )}
        {foreign.chooseRows && <RowsChoice foreign={foreign} />}
        {info?.imported && !foreign.chooseRows && <ImportedNote info={info} />}
      </div>
      <div class="stack">
        <h3>{t('keep.exportTitle')}</h3>
        <p class="small muted">{t('keep.exportHelp')}</p>
        <div class="row">
          <button
            type="button"
            disabled={!info}
            onClick={async () => setExported(await exportModel('implicit'))}
            data-testid="export-implicit"
          >
            {t('keep.exportImplicit')}
          </button>
          <button
            type="button"
            disabled={!info}
            onClick={async () => setExported(await exportModel('spark'))}
            data-testid="export-spark"
          >
            {t('keep.exportSpark')}
          </button>
        </div>
        {exported > 0 && (
          <p class="small muted" data-testid="export-done">
            {t('keep.saved', { size: formatBytes(exported) })}
          </p>
        )}
        {foreign.caveat && <p class="small note">{t('keep.exportCaveat', { caveat: foreign.caveat })}</p>}
      </div>
    </div>
  );
}

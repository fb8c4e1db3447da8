// The training settings with the tutorial's defaults (100 factors,
// regularization 0.01, 15 iterations, alpha 1, conjugate gradient).
import { useStore } from '../../app/store.js';
import { setConfig } from '../../app/train-actions.js';
import { DEFAULT_CONFIG } from '../../app/state.js';
import { useT } from '../../i18n/index.js';

function NumberField({ name, label, help, min, max, step, integer, value, disabled }) {
  const onInput = (e) => {
    const v = Number(e.currentTarget.value);
    if (e.currentTarget.value.trim() === '' || !Number.isFinite(v)) return;
    setConfig({ [name]: integer ? Math.round(v) : v });
  };
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onInput={onInput}
        data-testid={`train-${name}`}
      />
      {help && <span class="field-help">{help}</span>}
    </label>
  );
}

function SelectField({ name, label, help, options, value, disabled, parse = (x) => x }) {
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <select
        value={String(value)}
        disabled={disabled}
        onChange={(e) => setConfig({ [name]: parse(e.currentTarget.value) })}
        data-testid={`train-${name}`}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {help && <span class="field-help">{help}</span>}
    </label>
  );
}

export function TrainSettings({ disabled }) {
  const t = useT();
  const c = useStore((s) => s.config);
  const isDefault = Object.keys(DEFAULT_CONFIG).every((k) => c[k] === DEFAULT_CONFIG[k]);
  return (
    <fieldset class="train-settings" disabled={disabled}>
      <legend class="sr-only">{t('train.settings')}</legend>
      <div class="fields">
        <NumberField name="factors" label={t('train.factors')} min="1" max="512" step="1" integer value={c.factors} />
        <NumberField
          name="regularization"
          label={t('train.regularization')}
          min="0"
          step="0.001"
          value={c.regularization}
        />
        <NumberField
          name="iterations"
          label={t('train.iterations')}
          min="1"
          max="200"
          step="1"
          integer
          value={c.iterations}
        />
        <NumberField name="alpha" label={t('train.alpha')} min="0" step="0.5" value={c.alpha} />
        <SelectField
          name="onePlus"
          label={t('train.confidence')}
          value={c.onePlus}
          parse={(v) => v === 'true'}
          options={[
            ['false', t('train.confidenceImplicit')],
            ['true', t('train.confidenceOnePlus')],
          ]}
        />
        <SelectField
          name="scaling"
          label={t('train.scaling')}
          value={c.scaling}
          options={[
            ['none', t('train.scalingNone')],
            ['log', t('train.scalingLog')],
            ['bm25', 'BM25'],
          ]}
        />
        <SelectField
          name="solver"
          label={t('train.solver')}
          value={c.solver}
          options={[
            ['cg', t('train.solverCg')],
            ['cholesky', t('train.solverCholesky')],
          ]}
        />
        <NumberField
          name="cgSteps"
          label={t('train.cgSteps')}
          min="1"
          max="20"
          step="1"
          integer
          value={c.cgSteps}
          disabled={c.solver !== 'cg'}
        />
        <NumberField name="seed" label={t('train.seed')} min="0" step="1" integer value={c.seed} />
      </div>
      <p class="small muted formula">{c.onePlus ? t('train.formulaOnePlus') : t('train.formulaImplicit')}</p>
      {!isDefault && (
        <button
          type="button"
          class="icon"
          onClick={() => setConfig({ ...DEFAULT_CONFIG })}
          data-testid="train-defaults"
        >
          {t('train.defaults')}
        </button>
      )}
    </fieldset>
  );
}

// Files that were read but refused as a training set because the threshold
// left too little (every rating below it, or fewer than 2 users or items):
// the previous data set stays, and this offers to load the same files again
// with a lower threshold, or none. (The refused files are not kept in the
// engine, so they are read again: a refusal costs no memory.)
import { useState } from 'preact/hooks';
import { dismissRefused, loadRefusedWith } from '../../app/data-actions.js';
import { useT } from '../../i18n/index.js';

export function ThresholdRetry() {
  const t = useT();
  const [minValue, setMinValue] = useState('1');
  const value = Number(minValue);
  const valid = minValue.trim() !== '' && Number.isFinite(value);
  const submit = (e) => {
    e.preventDefault();
    if (valid) loadRefusedWith({ useThreshold: true, minValue: value });
  };
  return (
    <form
      class="note warn threshold-retry"
      onSubmit={submit}
      aria-label={t('data.refusedTitle')}
      data-testid="threshold-retry"
    >
      <p>
        <strong>{t('data.refusedTitle')}</strong> {t('data.refusedHelp')}
      </p>
      <div class="row">
        <label>
          {t('data.keepAtLeast')}{' '}
          <input
            type="number"
            step="0.5"
            value={minValue}
            aria-label={t('data.thresholdLabel')}
            onInput={(e) => setMinValue(e.currentTarget.value)}
            data-testid="retry-threshold-input"
          />
        </label>
        <button type="submit" disabled={!valid} data-testid="retry-with-threshold">
          {t('data.refusedLoadWith')}
        </button>
        <button
          type="button"
          onClick={() => loadRefusedWith({ useThreshold: false })}
          data-testid="retry-without-threshold"
        >
          {t('data.refusedLoadWithout')}
        </button>
        <button type="button" onClick={dismissRefused} data-testid="retry-dismiss">
          {t('data.refusedKeep')}
        </button>
      </div>
    </form>
  );
}

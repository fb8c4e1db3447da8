// The threshold filter (ratings >= R, default 3) and the value options;
// applying them re-prepares the data (prepare()) and shows the kept share.
import { useEffect, useState } from 'preact/hooks';
import { prepare } from '../../app/data-actions.js';
import { formatInt, formatPercent } from '../../app/format.js';
import { useT } from '../../i18n/index.js';

export function ThresholdForm({ summary, plays }) {
  const t = useT();
  const [useThreshold, setUseThreshold] = useState(summary.useThreshold);
  const [minValue, setMinValue] = useState(String(summary.minRating));
  const [binary, setBinary] = useState(summary.binary);
  useEffect(() => {
    setUseThreshold(summary.useThreshold);
    setMinValue(String(summary.minRating));
    setBinary(summary.binary);
  }, [summary]);

  const value = Number(minValue);
  const valid = !useThreshold || (minValue.trim() !== '' && Number.isFinite(value));
  const changed =
    useThreshold !== summary.useThreshold || (useThreshold && value !== summary.minRating) || binary !== summary.binary;
  const submit = (e) => {
    e.preventDefault();
    if (valid) prepare({ useThreshold, minValue: value, binary });
  };
  return (
    <form class="threshold-form" onSubmit={submit} data-testid="threshold-form">
      <div class="row">
        <label>
          <input
            type="checkbox"
            checked={useThreshold}
            onChange={(e) => setUseThreshold(e.currentTarget.checked)}
            data-testid="threshold-enabled"
          />{' '}
          {t(plays ? 'data.keepAtLeastPlays' : 'data.keepAtLeast')}
        </label>
        <input
          type="number"
          step="0.5"
          value={minValue}
          disabled={!useThreshold}
          aria-label={t('data.thresholdLabel')}
          onInput={(e) => setMinValue(e.currentTarget.value)}
          data-testid="threshold-input"
        />
        <label>
          <input
            type="checkbox"
            checked={binary}
            onChange={(e) => setBinary(e.currentTarget.checked)}
            data-testid="binary-values"
          />{' '}
          {t('data.binary')}
        </label>
        <button type="submit" disabled={!valid || !changed} data-testid="apply-threshold">
          {t('data.apply')}
        </button>
      </div>
      <p class="kept-line num" data-testid="kept-line" aria-live="polite">
        {summary.useThreshold
          ? t('data.keptLine', {
              kept: formatInt(summary.keptRatings),
              raw: formatInt(summary.rawRatings),
              share: formatPercent(summary.keptShare),
              min: summary.minRating,
            })
          : t('data.keptAll', { kept: formatInt(summary.keptRatings), raw: formatInt(summary.rawRatings) })}
      </p>
    </form>
  );
}

// The honest end of a tuning run: tuned vs the tutorial's settings vs
// popularity on the test split the search never saw.
import { formatInt, formatNumber } from '../../app/format.js';
import { useT } from '../../i18n/index.js';

const COLUMNS = [
  ['precision', 'eval.precision'],
  ['map', 'eval.map'],
  ['ndcg', 'eval.ndcg'],
];

function change(tuned, reference) {
  if (!(reference > 0)) return '–';
  const percent = (100 * (tuned / reference - 1)).toFixed(1);
  return `${percent.startsWith('-') ? '−' + percent.slice(1) : '+' + percent} %`;
}

export function TuneComparison({ comparison, metric, metricLabel }) {
  const t = useT();
  const k = comparison.tuned.k;
  const settings = (s) => t('tune.bestSettings', s);
  const rows = [
    ['tuned', t('tune.rowTuned'), settings(comparison.tunedSettings)],
    ['tutorial', t('tune.rowTutorial'), settings(comparison.tutorialSettings)],
    ['popularity', t('tune.rowPopularity'), ''],
  ];
  return (
    <div class="tune-comparison" data-testid="tune-comparison">
      <h3>{t('tune.compareTitle')}</h3>
      <table class="data">
        <caption class="sr-only">{t('tune.compareCaption')}</caption>
        <thead>
          <tr>
            <th>{t('tune.setting')}</th>
            {/* A break allowed before "@K": the table fits a phone's width. */}
            {COLUMNS.map(([key, label]) => (
              <th key={key} class={`num ${key === metric ? 'tuned-metric' : ''}`}>
                {t(label, { k }).replace('@', '\u200b@')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, name, detail]) => (
            <tr
              key={key}
              data-testid={`tune-row-${key}`}
              data-precision={comparison[key].precision}
              data-map={comparison[key].map}
              data-ndcg={comparison[key].ndcg}
            >
              <th scope="row">
                {name}
                {detail && <span class="row-detail">{detail}</span>}
              </th>
              {COLUMNS.map(([m]) => (
                <td key={m} class={`num ${m === metric ? 'tuned-metric' : ''}`}>
                  {formatNumber(comparison[key][m], 4)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="small" data-testid="tune-compare-line">
        {t('tune.compareLine', {
          train: formatInt(comparison.trainInteractions),
          test: formatInt(comparison.testInteractions),
          change: change(comparison.tuned[metric], comparison.tutorial[metric]),
          metric: metricLabel,
        })}
      </p>
      <p class="small muted">{t('tune.honest')}</p>
    </div>
  );
}

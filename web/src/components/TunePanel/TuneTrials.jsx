// Every trial in a table, best first (folded away until opened).
import { formatNumber } from '../../app/format.js';
import { useT } from '../../i18n/index.js';

export function TuneTrials({ trials, showScaling }) {
  const t = useT();
  const sorted = [...trials].sort(
    (a, b) => (a.error ? 1 : 0) - (b.error ? 1 : 0) || b.score - a.score || a.index - b.index,
  );
  return (
    <details class="tune-trials" data-testid="tune-trials">
      <summary>{t('tune.trialsTitle', { count: trials.length })}</summary>
      <div class="tune-trials-box">
        <table class="data">
          <caption class="sr-only">{t('tune.trialsCaption')}</caption>
          <thead>
            <tr>
              <th class="num">#</th>
              <th class="num">{t('tune.colFactors')}</th>
              <th class="num">λ</th>
              <th class="num">α</th>
              {showScaling && <th>{t('train.scaling')}</th>}
              <th class="num">{t('tune.colIterations')}</th>
              <th class="num">{t('tune.colScore')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((x) => (
              <tr key={x.index} class={x.tutorial ? 'tutorial' : undefined}>
                <td class="num">{x.index + 1}</td>
                <td class="num">{x.factors}</td>
                <td class="num">{x.regularization}</td>
                <td class="num">{x.alpha}</td>
                {showScaling && <td>{x.scaling}</td>}
                <td class="num">{x.iterations}</td>
                <td class="num" title={x.error || undefined}>
                  {x.error ? t('tune.failed') : formatNumber(x.score, 4)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

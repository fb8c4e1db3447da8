// What was read: the data set, its counts, the ratings histogram with the
// threshold filter, the matrix shape, the per-file report, the top 50.
import { formatInt, formatPercent } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { formatName } from '../../i18n/file-kinds.js';
import { useWords } from '../../app/words.js';
import { Histogram } from '../Histogram/Histogram.jsx';
import { ThresholdForm } from './ThresholdForm.jsx';
import { FileReport } from './FileReport.jsx';
import { PopularList } from './PopularList.jsx';
import { DEMO_SETS, DemoSet, demoSetOfSource } from '../../app/demo-set.js';

function Stat({ label, value, detail, testid }) {
  return (
    <div class="stat" data-testid={testid}>
      <div class="stat-label">{label}</div>
      <div class="stat-value num">{value}</div>
      {detail && <div class="stat-detail num">{detail}</div>}
    </div>
  );
}

export function DataSummary({ summary, source }) {
  const t = useT();
  const tw = useWords();
  const set = demoSetOfSource(source);
  const demo = set === DemoSet.generated; // invented titles: said as such
  const shipped = set === DemoSet.movielens; // real data shipped with the page: where from, on what terms
  const s = summary;
  const plays = /last\.fm|plays/i.test(s.format); // play counts, not ratings
  return (
    <div class="data-summary stack" data-testid="data-summary">
      <div class="data-heading">
        <h3 data-testid="data-format">
          {demo ? t('data.demoName') : shipped ? t('data.shippedName') : formatName(t, s.dataSet)}
          <span class="format-name"> — {formatName(t, s.format)}</span>
        </h3>
        {demo && (
          <p class="demo-label" data-testid="demo-label">
            {t('data.demoLabel')}
          </p>
        )}
        {shipped && (
          <p class="small shipped-label" data-testid="shipped-label">
            {t('data.shippedLabel')}{' '}
            <a href={DEMO_SETS.movielens.readme} target="_blank" rel="noopener">
              README.txt
            </a>
          </p>
        )}
        {!demo && source?.names && (
          <p class="small muted">
            {t('data.fromFiles', {
              names: source.names.slice(0, 4).join(', ') + (source.names.length > 4 ? ', …' : ''),
            })}
            {source.folder ? ` (${source.folder})` : ''}
          </p>
        )}
      </div>

      <div class="stats">
        <Stat
          label={t('data.users')}
          value={formatInt(s.users)}
          detail={s.users !== s.rawUsers ? t('data.ofRaw', { raw: formatInt(s.rawUsers) }) : null}
          testid="stat-users"
        />
        <Stat
          label={t('data.items')}
          value={formatInt(s.items)}
          detail={s.items !== s.rawItems ? t('data.ofRaw', { raw: formatInt(s.rawItems) }) : null}
          testid="stat-items"
        />
        <Stat
          label={tw('data.ratingsKept')}
          value={formatInt(s.keptRatings)}
          detail={t('data.ofRatings', { raw: formatInt(s.rawRatings) })}
          testid="stat-ratings"
        />
        <Stat label={t('data.keptShare')} value={formatPercent(s.keptShare)} testid="kept-share" />
        <Stat
          label={t('data.density')}
          value={formatPercent(s.density)}
          detail={t('data.densityHelp')}
          testid="stat-density"
        />
      </div>

      <div class="grid-2">
        <div class="stack">
          <h4>{t(plays ? 'data.histogramTitlePlays' : 'data.histogramTitle')}</h4>
          <Histogram
            bins={s.histogram}
            threshold={s.useThreshold ? s.minRating : null}
            title={t(plays ? 'data.histogramTitlePlays' : 'data.histogramTitle')}
          />
          <ThresholdForm summary={s} plays={plays} />
          <p class="csr num" data-testid="csr-shape">
            {t('data.csr', {
              users: t('units.users', { count: formatInt(s.users) }),
              items: t('units.items', { count: formatInt(s.items) }),
              nnz: t('units.cells', { count: formatInt(s.keptRatings) }),
            })}
          </p>
          {s.duplicatesMerged > 0 && (
            <p class="small muted">{t('data.duplicates', { count: formatInt(s.duplicatesMerged) })}</p>
          )}
          {s.itemsWithoutTitles > 0 && (
            <p class="small muted">{t('data.noTitles', { count: formatInt(s.itemsWithoutTitles) })}</p>
          )}
        </div>
        <PopularList popular={s.popular} />
      </div>

      <FileReport files={s.files} warnings={s.warnings} />
    </div>
  );
}

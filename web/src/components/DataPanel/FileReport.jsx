// Per file: the format detected, lines, records, and the malformed lines
// with examples (file, line, reason). Never hidden. On a phone each row
// reflows into a small card of label: value pairs (data-label).
import { formatBytes, formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { describeFile, describeWarning } from '../../i18n/file-kinds.js';
import { describeLineReason } from '../../i18n/line-reasons.js';
import { asSentence } from '../../i18n/sentence.js';

// A line's reason: the words in the page's language, the pieces of the line
// it quotes ('abc') as they are (not for a translator either).
function LineReason({ text }) {
  return text.split(/('[^']*')/).map((part, k) =>
    k % 2 ? (
      <span key={k} class="mono" translate={false}>
        {part}
      </span>
    ) : (
      part
    ),
  );
}

export function FileReport({ files, warnings: allWarnings }) {
  const t = useT();
  // "ignored <file>: ..." is already in the table (format column).
  const warnings = allWarnings.filter((w) => !/^ignored /.test(w));
  return (
    <div class="file-report" data-testid="file-report">
      <h4>{t('report.title')}</h4>
      <div class="table-scroll">
        <table class="data reflow">
          <thead>
            <tr>
              <th>{t('report.file')}</th>
              <th>{t('report.format')}</th>
              <th class="num">{t('report.size')}</th>
              <th class="num">{t('report.lines')}</th>
              <th class="num">{t('report.records')}</th>
              <th class="num">{t('report.skipped')}</th>
              <th class="num">{t('report.malformed')}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.file} data-testid="file-report-row" data-role={f.role}>
                <td class="mono file-name" translate={false}>
                  {f.file}
                </td>
                <td data-label={t('report.format')} data-testid="file-format">
                  {f.role === 'ignored' ? (
                    <span class="muted">
                      {describeFile(t, f)} · {t('report.notRead')}
                    </span>
                  ) : (
                    describeFile(t, f)
                  )}
                </td>
                <td class="num" data-label={t('report.size')}>
                  {f.role === 'ignored' ? '–' : formatBytes(f.bytes)}
                </td>
                <td class="num" data-label={t('report.lines')}>
                  {formatInt(f.lines)}
                </td>
                <td class="num" data-label={t('report.records')}>
                  {formatInt(f.records)}
                </td>
                <td class="num" data-label={t('report.skipped')}>
                  {formatInt(f.skipped)}
                </td>
                <td
                  class={`num ${f.malformed ? 'bad' : ''}`}
                  data-label={t('report.malformed')}
                  data-testid="file-malformed"
                >
                  {formatInt(f.malformed)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {files
        .filter((f) => f.examples.length > 0)
        .map((f) => (
          <div class="malformed" key={`x-${f.file}`} data-testid="malformed-examples">
            <p class="small">
              <strong>{t('report.examplesTitle', { file: f.file, count: formatInt(f.malformed) })}</strong>
            </p>
            <ul>
              {f.examples.map((x) => (
                <li key={x.line} class="small">
                  <span class="mono">
                    {f.file}:{x.line}
                  </span>{' '}
                  — <LineReason text={describeLineReason(t, x.reason)} />
                  {x.excerpt && (
                    <code class="excerpt" translate={false}>
                      {x.excerpt}
                    </code>
                  )}
                </li>
              ))}
            </ul>
            {f.malformed > f.examples.length && (
              <p class="small muted">
                {t('report.moreMalformed', { count: formatInt(f.malformed - f.examples.length) })}
              </p>
            )}
          </div>
        ))}
      {files
        .filter((f) => f.mergedNames > 0)
        .map((f) => (
          <div class="merged-names" key={`m-${f.file}`} data-testid="merged-names" data-count={f.mergedNames}>
            <p class="small">
              <strong>{t('report.mergedNames', { file: f.file, count: formatInt(f.mergedNames) })}</strong>
            </p>
            <ul>
              {f.mergedExamples.map((m) => (
                <li key={`${m.name}\u0000${m.as}`} class="small">
                  {t('report.mergedAs', { name: m.name, as: m.as })}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {files.some((f) => f.latin1Lines > 0) && (
        <p class="small muted">
          {t('report.latin1', {
            files: files
              .filter((f) => f.latin1Lines > 0)
              .map((f) => `${f.file} (${formatInt(f.latin1Lines)})`)
              .join(', '),
          })}
        </p>
      )}
      {warnings.length > 0 && (
        <ul class="warnings note warn" data-testid="load-warnings">
          {warnings.map((w) => (
            <li key={w}>{describeWarning(t, w) ?? asSentence(w)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

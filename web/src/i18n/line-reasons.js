// Why the engine did not read a line, in the page's language. The engine
// writes it in English (cpp/io/record_parser.cpp, dataset_loader.cpp):
// "expected 4 fields separated by '::', found 1 (the line seems to use tab)",
// "rating '6' outside 0.5..5", "user id 'abc' is not a number". These are
// words around a piece of the line: the phrase is recognised and looked up
// (lineReason.* keys), the piece of the line is kept as the engine quoted it.
// A phrase not known here is shown as the engine wrote it
// (tests/js/i18n.test.js reads every one in the C++ sources back in English).

// The fields the engine names (check_id, read_number and their callers).
export const FIELDS = {
  'user id': 'lineReason.field.userId',
  'movie id': 'lineReason.field.movieId',
  'item id': 'lineReason.field.itemId',
  rating: 'lineReason.field.rating',
  timestamp: 'lineReason.field.timestamp',
  plays: 'lineReason.field.plays',
  value: 'lineReason.field.value',
  title: 'lineReason.field.title',
};

const FIELD = `(${Object.keys(FIELDS).join('|')})`;
const SEPARATOR = "(tab|'[^']+')";

const separatorText = (t, s) => (s === 'tab' ? t('lineReason.tab') : s);

// [pattern, (t, match) -> text]
const PHRASES = [
  [
    new RegExp(
      `^expected (at least )?(\\d+) fields separated by ${SEPARATOR}, found (\\d+)` +
        `( \\(the line seems to use ${SEPARATOR}\\))?( \\(a title with commas must be in quotes\\))?$`,
    ),
    (t, m) =>
      t(m[1] ? 'lineReason.fieldsAtLeast' : 'lineReason.fields', {
        expected: m[2],
        separator: separatorText(t, m[3]),
        found: m[4],
      }) +
      (m[5] ? t('lineReason.seemsToUse', { separator: separatorText(t, m[6]) }) : '') +
      (m[7] ? t('lineReason.quoteTitles') : ''),
  ],
  [/^header line in the middle of the file$/, (t) => t('lineReason.headerInMiddle')],
  [/^this file is not read$/, (t) => t('lineReason.fileNotRead')],
  [/^artist has neither an id nor a name$/, (t) => t('lineReason.noArtist')],
  [/^line longer than (\d+) bytes$/, (t, m) => t('lineReason.tooLong', { bytes: m[1] })],
  [new RegExp(`^${FIELD} is empty$`), (t, m) => t('lineReason.empty', { field: t(FIELDS[m[1]]) })],
  [
    new RegExp(`^${FIELD} ('.*') is not a (number|finite number|whole number)$`),
    (t, m) =>
      t(
        {
          number: 'lineReason.notNumber',
          'finite number': 'lineReason.notFinite',
          'whole number': 'lineReason.notWhole',
        }[m[3]],
        { field: t(FIELDS[m[1]]), text: m[2] },
      ),
  ],
  [
    new RegExp(`^${FIELD} (.*) outside (0\\.5\\.\\.5|0\\.\\.1000000000|-1e9\\.\\.1e9)$`),
    (t, m) => t('lineReason.outside', { field: t(FIELDS[m[1]]), text: m[2], range: m[3] }),
  ],
];

// One line's reason, or the text itself when it is not a known phrase.
export function describeLineReason(t, text) {
  for (const [pattern, say] of PHRASES) {
    const m = pattern.exec(text);
    if (m) return say(t, m);
  }
  return text;
}

// Engine messages that carry a line's reason: a strict load's first bad line
// ("u.data:12: rating 'x' is not a number") and a ratings file of which no
// line could be read. null when the message is none of these.
export function describeLineMessage(t, message) {
  const none =
    /^no ratings could be read from (.+?): (?:it has no data lines|(\d+) malformed lines?, the first at line (\d+): (.*))$/.exec(
      message ?? '',
    );
  if (none)
    return none[2] === undefined
      ? t('lineReason.noDataLines', { file: none[1] })
      : t('lineReason.noneRead', {
          file: none[1],
          count: Number(none[2]),
          line: none[3],
          reason: describeLineReason(t, none[4]),
        });
  const atLine = /^(.+?):(\d+): (.*)$/.exec(message ?? '');
  if (atLine) {
    const reason = describeLineReason(t, atLine[3]);
    if (reason !== atLine[3]) return `${atLine[1]}:${atLine[2]}: ${reason}`;
  }
  return null;
}

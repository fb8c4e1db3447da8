// Engine failure messages without a code, read by phrase into the page's
// language where their shape is known: those that carry a line's reason
// (line-reasons.js) and "no ratings file found", which lists what each file
// holds (cpp/io/dataset_loader.cpp what_file_holds; the descriptions through
// file-kinds.js). null for any other message: it is shown as the engine wrote it.
import { describeFile } from './file-kinds.js';
import { describeLineMessage } from './line-reasons.js';

// "<file> holds titles, not ratings" | "<file>: <description>"; a description
// may itself hold "; " ("… does not have the MovieLens columns; read as …").
function entriesOf(list) {
  const entries = [];
  for (const piece of list.split('; ')) {
    const starts = / holds titles, not ratings$/.test(piece) || /^[^:(]+: /.test(piece);
    if (starts || entries.length === 0) entries.push(piece);
    else entries[entries.length - 1] += `; ${piece}`;
  }
  return entries;
}

function describeEntry(t, entry) {
  const titles = /^(.+) holds titles, not ratings$/.exec(entry);
  if (titles) return t('engineMessage.holdsTitles', { file: titles[1] });
  const m = /^([^:(]+): (.*)$/.exec(entry);
  if (!m) return entry;
  return `${m[1]}: ${describeFile(t, { role: 'unknown', description: m[2] })}`;
}

function describeNoRatingsFile(t, message) {
  const m = /^no ratings file found(?: among (\d+) files)?; (.+)$/.exec(message);
  if (!m) return null;
  const files = entriesOf(m[2])
    .map((e) => describeEntry(t, e))
    .join('; ');
  return m[1]
    ? t('engineMessage.noRatingsAmong', { count: Number(m[1]), files })
    : t('engineMessage.noRatings', { files });
}

export function describeEngineMessage(t, message) {
  if (!message) return null;
  return describeLineMessage(t, message) ?? describeNoRatingsFile(t, message);
}

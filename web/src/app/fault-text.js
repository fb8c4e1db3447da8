// An engine fault that carries a code (see engine/protocol.js) in the
// visitor's language: fault.<code> from the i18n tables with its values
// formatted (sizes in MB/GB, ratios rounded). Faults without a code of a
// known shape are read by phrase (i18n/engine-messages.js); others, or
// with a code the tables do not know, show the engine's own (English) message.
import { translate } from '../i18n/index.js';
import { describeEngineMessage } from '../i18n/engine-messages.js';

// Values in bytes, shown as MB/GB.
const SIZE_PARAMS = new Set(['compressed', 'inflated', 'needed', 'held', 'peak', 'budget']);

// 0.13 MB, 254 MB, 2.15 GB (10^6 bytes, as the engine's messages).
export function formatSize(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 })} GB`;
  return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: bytes < 1e7 ? 2 : 0 })} MB`;
}

// A fault's values as its sentence shows them: sizes in MB/GB, numbers with
// thousands separators, counts with their unit ("2 users", "사용자 2명") and
// the threshold by the data's kind of value ("rating ≥ 3").
function valuesOf(lang, code, params = {}) {
  const values = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'number') values[name] = value;
    else if (SIZE_PARAMS.has(name) || (name === 'limit' && code === 'zipTooBig')) values[name] = formatSize(value);
    else if (name === 'ratio') values[name] = Math.round(value).toLocaleString('en-US');
    else values[name] = value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  const t = (key, v) => translate(lang, key, v);
  for (const unit of ['users', 'items'])
    if (typeof params[unit] === 'number') values[unit] = t(`units.${unit}`, { count: values[unit] });
  const ratings = values.count ?? values.kept;
  if (ratings !== undefined) values.ratings = t('units.ratings', { count: ratings });
  if (params.valueName) values.threshold = t(`fault.threshold.${params.valueName}`, { min: values.min });
  values.entryPart = values.entry ? t('fault.zipCorruptEntry', { entry: values.entry }) : '';
  return values;
}

export function faultText(lang, error) {
  const { code, params } = error ?? {};
  const key = code && `fault.${code}`;
  if (!key || translate('en', key) === key) {
    const message = error?.message ?? '';
    return describeEngineMessage((k, v) => translate(lang, k, v), message) ?? message;
  }
  return translate(lang, key, valuesOf(lang, code, params));
}

// An engine fault that carries a code (see engine/protocol.js) in the
// visitor's language: fault.<code> from the i18n tables with its values
// formatted (sizes in MB/GB, ratios rounded). Faults without a code of a
// known shape are read by phrase (i18n/engine-messages.js); others, or
// with a code the tables do not know, show the engine's own (English) message.
import { translate } from '../i18n/index.js';
import { describeEngineMessage } from '../i18n/engine-messages.js';

const SIZE_PARAMS = new Set(['compressed', 'inflated']);

// 0.13 MB, 254 MB, 2.15 GB (10^6 bytes, as the engine's messages).
export function formatSize(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 })} GB`;
  return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: bytes < 1e7 ? 2 : 0 })} MB`;
}

export function faultText(lang, error) {
  const { code, params } = error ?? {};
  const key = code && `fault.${code}`;
  if (!key || translate('en', key) === key) {
    const message = error?.message ?? '';
    return describeEngineMessage((k, v) => translate(lang, k, v), message) ?? message;
  }
  const values = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (SIZE_PARAMS.has(name) && typeof value === 'number') values[name] = formatSize(value);
    else if (name === 'ratio' && typeof value === 'number') values[name] = Math.round(value).toLocaleString('en-US');
    else if (name === 'limit' && code === 'zipTooBig') values[name] = formatSize(value);
    else values[name] = value;
  }
  values.entryPart = values.entry ? translate(lang, 'fault.zipCorruptEntry', { entry: values.entry }) : '';
  return translate(lang, key, values);
}

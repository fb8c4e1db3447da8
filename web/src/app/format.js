// Numbers as a student checks them: thousands separators, percentages with
// two decimals, scores with four.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n) {
  return integer.format(n);
}

export function formatNumber(n, digits = 4) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// 0.83628 -> "83.63%"; very small shares keep their significant digits.
export function formatPercent(fraction, digits = 2) {
  const value = fraction * 100;
  const d = value !== 0 && Math.abs(value) < 0.1 ? 4 : digits;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })}%`;
}

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatSeconds(seconds) {
  if (seconds > 0 && seconds < 0.005) return '< 0.01 s'; // a tiny set's estimate: not "0.00 s"
  return seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
}

// Scores: 4 decimals, with a real minus sign for negatives.
export function formatScore(x) {
  const s = formatNumber(Math.abs(x), 4);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

export function formatSignedScore(x) {
  return x < 0 ? formatScore(x) : `+${formatScore(x)}`;
}

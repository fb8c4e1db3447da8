// Messages from the engine are written as clauses ("no ratings file found:
// got …", the command line's style). On the page they are sentences: a
// capital first letter — unless the message opens with a file name or an
// identifier ("u.data:12: …", "ml-1m.zip: …"), which keeps its case — and a
// full stop.
export function asSentence(text) {
  let s = String(text ?? '').trim();
  if (!s) return s;
  const firstWord = /^[^\s:]+/.exec(s)[0];
  if (/^[a-z]+$/.test(firstWord)) s = s[0].toUpperCase() + s.slice(1);
  if (!/[.!?…]$/.test(s)) s += '.';
  return s;
}

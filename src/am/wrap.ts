// Header lines as b4 writes them (LoreMessage.wrap_header with 'decode'): short ones as they are,
// long ones wrapped at 75 columns by Python's textwrap, never breaking a word.

const WIDTH = 75;

/** Python's len(): code points, not UTF-16 units. */
const plen = (s: string): number => [...s].length;

/** textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False, subsequent_indent=' '). */
export function textwrap(text: string, width: number, indent = ' '): string[] {
  const chunks = text.replace(/\t/g, '        ').replace(/\s/g, ' ').split(/( +)/).filter((c) => c !== '');
  chunks.reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const cur: string[] = [];
    let len = 0;
    const ind = lines.length ? indent : '';
    const w = width - plen(ind);
    if (lines.length && chunks[chunks.length - 1].trim() === '') chunks.pop();
    while (chunks.length) {
      const l = plen(chunks[chunks.length - 1]);
      if (len + l > w) break;
      cur.push(chunks.pop()!);
      len += l;
    }
    // A word longer than the line goes on a line of its own.
    if (chunks.length && plen(chunks[chunks.length - 1]) > w && cur.length === 0) cur.push(chunks.pop()!);
    if (cur.length && cur[cur.length - 1].trim() === '') cur.pop();
    if (cur.length) lines.push(ind + cur.join(''));
  }
  return lines;
}

/** One header, wrapped the way b4 wraps non-address headers. */
export function wrapHeader(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (plen(line) <= WIDTH) return line;
  // The ": " becomes ":_" so a long unbreakable value does not land alone under a bare "Name:".
  const wrapped = textwrap(line.replace(': ', ':_'), WIDTH);
  return wrapped.join('\n').replace(':_', ': ');
}

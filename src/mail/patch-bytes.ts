// looksLikePatch (mail/parse.ts) on the bytes of a plain body, without making a string of it:
// `^diff --(git|cc|combined) `, or `^--- \S`, `^\+\+\+ \S` and `^@@+ -\d` together, where a line
// starts after LF or CR (as `^` under the m flag does in a latin1 string) and \S is JS's \S on latin1.

const LF = 0x0a;
const CR = 0x0d;

function lineStart(buf: Buffer, at: number, from: number): boolean {
  return at === from || buf[at - 1] === LF || buf[at - 1] === CR;
}

/** JS's \s on a latin1 character: tab, LF, VT, FF, CR, space, NBSP. */
function isSpace(c: number | undefined): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x20 || c === 0xa0;
}

/** Whether some line of buf[from..] starts with `needle` and `after(next byte index)` holds. */
function someLine(buf: Buffer, from: number, needle: string, after: (i: number) => boolean): boolean {
  for (let at = buf.indexOf(needle, from, 'latin1'); at >= 0; at = buf.indexOf(needle, at + 1, 'latin1')) {
    if (lineStart(buf, at, from) && after(at + needle.length)) return true;
  }
  return false;
}

const startsWith = (buf: Buffer, i: number, s: string) => buf.length >= i + s.length && buf.toString('latin1', i, i + s.length) === s;

export function bytesLookLikePatch(buf: Buffer, from = 0): boolean {
  if (someLine(buf, from, 'diff --', (i) => startsWith(buf, i, 'git ') || startsWith(buf, i, 'cc ') || startsWith(buf, i, 'combined '))) return true;
  const notSpace = (i: number) => i < buf.length && !isSpace(buf[i]);
  return someLine(buf, from, '--- ', notSpace) && someLine(buf, from, '+++ ', notSpace)
    && someLine(buf, from, '@@', (i) => {
      let j = i;
      while (buf[j] === 0x40) j++;
      return buf[j] === 0x20 && buf[j + 1] === 0x2d && buf[j + 2] !== undefined && buf[j + 2] >= 0x30 && buf[j + 2] <= 0x39;
    });
}

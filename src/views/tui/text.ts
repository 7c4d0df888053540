// Terminal text measurement for drawing: tabs expanded, control sequences gone, lines fitted to a
// width. Every string from mail goes through `cell()` or `wrapCells()` before it is drawn.
import { sanitize } from '../../util/sanitize.js';

/** Cells a code point takes: 0 for combining marks and zero-width characters, 2 for wide ones. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Tabs to spaces at `tab`-column stops, counted from the start of `s`. */
export function expandTabs(s: string, tab = 8): string {
  if (!s.includes('\t')) return s;
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const n = tab - (col % tab);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col += charWidth(ch.codePointAt(0)!);
    }
  }
  return out;
}

/** One line of mail text made safe and flat: controls stripped, tabs expanded, newlines folded. */
export function clean(s: string): string {
  return expandTabs(sanitize(s).replace(/\n/g, ' '));
}

/** Cut to `width` cells, marking the cut with `…`. */
export function clip(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length <= width && displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** `clean` then `clip`: the usual way a string from mail reaches a row. */
export function cell(s: string, width: number): string {
  return clip(clean(s), width);
}

export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/**
 * Wrap at spaces to `width` cells; words longer than a line are broken. At most `maxLines` lines
 * (the last one clipped), so a hostile one-line megabyte cannot make millions of rows.
 */
export function wrap(text: string, width: number, maxLines = 200): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let line = '';
  let lineW = 0;
  const flush = () => {
    out.push(line.trimEnd());
    line = '';
    lineW = 0;
  };
  for (const word of text.split(/(?<= )/)) {
    const ww = displayWidth(word);
    if (lineW + ww > w && lineW > 0) {
      flush();
      if (out.length >= maxLines) break;
    }
    if (ww > w) {
      for (const ch of word) {
        const cw = charWidth(ch.codePointAt(0)!);
        if (lineW + cw > w) {
          flush();
          if (out.length >= maxLines) break;
        }
        line += ch;
        lineW += cw;
      }
      if (out.length >= maxLines) break;
      continue;
    }
    line += word;
    lineW += ww;
  }
  if (out.length < maxLines && (line !== '' || out.length === 0)) out.push(line.trimEnd());
  return out.slice(0, maxLines);
}

/** `clean` each line of a multi-line text, then wrap each to `width`. */
export function wrapCells(text: string, width: number, maxLines = 2000): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    if (out.length >= maxLines) break;
    out.push(...wrap(clean(raw.replace(/\r$/, '')), width, maxLines - out.length));
  }
  return out;
}

/** "2024-03-11 09:42" from an ISO date; "" when unknown. */
export function shortDate(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : clean(iso).slice(0, 16);
}

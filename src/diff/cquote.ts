// git's C-style path quoting (quote_c_style): names with control characters, `"`, `\` or
// non-ASCII bytes are written in double quotes with backslash and octal escapes of the UTF-8 bytes.

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92,
};

const utf8 = new TextDecoder('utf-8');

export interface Unquoted {
  value: string;
  /** Index just past the closing quote in the input. */
  end: number;
}

/**
 * Reads a C-quoted string starting at `start` (which must be `"`). Returns null when the quote is
 * not closed on this line or holds an unknown escape, so the caller can fall back to a plain name.
 */
export function unquoteC(text: string, start = 0): Unquoted | null {
  if (text.charCodeAt(start) !== 34) return null;
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { value: utf8.decode(Uint8Array.from(bytes)), end: i + 1 };
    if (ch !== '\\') {
      const cp = text.codePointAt(i)!;
      pushUtf8(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) return null;
    if (next in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[next]);
      i += 2;
      continue;
    }
    if (next >= '0' && next <= '3' && isOctal(text[i + 2]) && isOctal(text[i + 3])) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
      continue;
    }
    return null;
  }
  return null;
}

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else {
    bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
}

const QUOTE_BACK: Record<number, string> = {
  7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\',
};

/** Quotes a path the way git prints it with core.quotePath on (the default); plain names pass through. */
export function quoteC(path: string): string {
  if (!needsQuote(path)) return path;
  let out = '"';
  for (const byte of Buffer.from(path, 'utf8')) {
    const simple = QUOTE_BACK[byte];
    if (simple !== undefined) out += '\\' + simple;
    else if (byte < 0x20 || byte >= 0x7f) out += '\\' + byte.toString(8).padStart(3, '0');
    else out += String.fromCharCode(byte);
  }
  return out + '"';
}

function needsQuote(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 34 || c === 92) return true;
  }
  return false;
}

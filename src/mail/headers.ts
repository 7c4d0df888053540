// Header block parsing: split, unfold, decode RFC 2047 words tolerantly.
import { decodeEncodedWords } from './encoded-words.js';
import type { HeaderField } from '../model/mail.js';

/** Longest header block read; anything beyond is body (a malformed mail must not cost unbounded work). */
const MAX_HEADER_BYTES = 256 * 1024;

export interface SplitMessage {
  headers: HeaderField[];
  /** Offset of the body in the raw bytes. */
  bodyOffset: number;
}

const LF_LF = Buffer.from('\n\n', 'latin1');
const LF_CR_LF = Buffer.from('\n\r\n', 'latin1');

/**
 * Find the blank line ending the header block (LF or CRLF): the first LF, before the limit, that
 * another LF or a CR LF follows. Found by two native searches, not line by line: real header blocks
 * are ~70 lines of Received/DKIM/ARC, and a call per line was a tenth of reading an envelope.
 */
export function headerEnd(raw: Buffer): { end: number; bodyOffset: number } {
  // A message starting with a blank line has no headers.
  if (raw[0] === 0x0a) return { end: 0, bodyOffset: 1 };
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { end: 0, bodyOffset: 2 };
  const limit = Math.min(raw.length, MAX_HEADER_BYTES);
  // Searched no further than a blank line starting before the limit can reach: never the whole body.
  const head = raw.subarray(0, Math.min(raw.length, limit + 2));
  let nl = head.indexOf(LF_LF);
  let crlf = false;
  // A CRLF blank line can come first only after a CR that does.
  const cr = head.indexOf(0x0d);
  if (cr >= 0 && (nl < 0 || cr < nl)) {
    const at = head.indexOf(LF_CR_LF, Math.max(0, cr - 1));
    if (at >= 0 && (nl < 0 || at < nl)) {
      nl = at;
      crlf = true;
    }
  }
  if (nl < 0 || nl >= limit) return { end: limit, bodyOffset: limit };
  return { end: nl + 1, bodyOffset: nl + (crlf ? 3 : 2) };
}

export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Parse the header block. Lines that are not `Name: value` nor continuations are skipped. */
export function parseHeaderBlock(block: string): { headers: HeaderField[]; bad: string[] } {
  const headers: HeaderField[] = [];
  const bad: string[] = [];
  let pos = 0;
  const n = block.length;
  while (pos < n) {
    let eol = block.indexOf('\n', pos);
    if (eol < 0) eol = n;
    let end = eol;
    if (end > pos && block.charCodeAt(end - 1) === 0x0d) end--;
    if (end > pos) {
      const first = block.charCodeAt(pos);
      if (isBlank(first)) {
        if (headers.length) {
          let a = pos;
          while (a < end && isBlank(block.charCodeAt(a))) a++;
          let b = end;
          while (b > a && isBlank(block.charCodeAt(b - 1))) b--;
          const h = headers[headers.length - 1];
          if (b > a) h.raw += ' ' + block.slice(a, b);
        }
      } else {
        const colon = block.indexOf(':', pos);
        let ok = colon > pos && colon < end && colon - pos <= 200;
        for (let i = pos; ok && i < colon; i++) if (block.charCodeAt(i) <= 0x20) ok = false;
        if (!ok) {
          bad.push(block.slice(pos, Math.min(end, pos + 80)));
        } else {
          let a = colon + 1;
          while (a < end && isBlank(block.charCodeAt(a))) a++;
          let b = end;
          while (b > a && isBlank(block.charCodeAt(b - 1))) b--;
          headers.push({ name: block.slice(pos, colon), raw: block.slice(a, b) });
        }
      }
    }
    pos = eol + 1;
  }
  return { headers, bad };
}

export function getHeader(headers: HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.raw;
  return undefined;
}

export function getAllHeaders(headers: HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.raw);
}

/** Decode RFC 2047 encoded words; undecodable words and unknown charsets are kept as written. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return decodeEncodedWords(value);
  } catch {
    return value;
  }
}

/** Header values arrive as latin1-decoded bytes; raw 8-bit UTF-8 headers (common) are re-read as UTF-8. */
export function fixRaw8bit(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\ufffd') ? value : utf8;
}

// RFC 2047 encoded words, decoded exactly as libmime 5.6.4's decodeWords does (the reference:
// test/encoded-words.test.ts compares the two on every encoded header of the corpus and on generated
// words), but without loading libmime: loading it builds iconv-lite's GBK tables and encoding-japanese
// (~47 ms, a twentieth of indexing an archive, a sixth of `am` on an indexed one), and nearly every
// header in real mail is UTF-8, ASCII or Latin-1. Other charsets go where libmime sends them, loaded
// on first use: iconv-lite (6 ms, a table when first asked for it), encoding-japanese for Japanese.
import { createRequire } from 'node:module';
import { iconvLib } from './charset-libs.js';

const require = createRequire(import.meta.url);
const japaneseLib = (): typeof import('encoding-japanese') => require('encoding-japanese');
let aliases: Map<string, string> | undefined;
const aliasOf = (name: string) => (aliases ??= new Map(Object.entries(require('libmime/lib/charsets.js') as Record<string, string>))).get(name);

/** libmime's charset name canonicalisation (charset.js normalizeCharset). */
export function normalizeCharset(charset: string): string {
  let name = (charset || 'UTF-8').toLowerCase().trim();
  const known = aliasOf(name);
  if (known) return known;
  name = name
    .replace(/^utf[-_]?(\d+)/, 'utf-$1')
    .replace(/^(?:us[-_]?)ascii/, 'windows-1252')
    .replace(/^win(?:dows)?[-_]?(\d+)/, 'windows-$1')
    .replace(/^(?:latin|iso[-_]?8859)?[-_]?(\d+)/, 'iso-8859-$1')
    .replace(/^l[-_]?(\d+)/, 'iso-8859-$1');
  return aliasOf(name) || name.toUpperCase();
}

const UTF8_COMPATIBLE = /^(?:(?:us-)?ascii|utf-8|7bit)$/i;
const JAPANESE = /^jis|^iso-?2022-?jp|^EUCJP/i;
let unsupported: Set<unknown> | undefined;

/** Bytes to text as libmime's charset.decode does (which normalises the name again: so here). */
function decodeBytes(buf: Buffer, name: string): string {
  const charset = normalizeCharset(name);
  if (UTF8_COMPATIBLE.test(charset)) return buf.toString('utf-8');
  const iconv = iconvLib();
  unsupported ??= new Set(['utf7', 'utf7imap', 'base64', 'hex'].map((n) => iconv.getCodec(n)));
  try {
    if (unsupported.has(iconv.getCodec(charset))) return buf.toString();
  } catch {
    /* not a codec iconv-lite knows: decode below fails the same way */
  }
  try {
    if (JAPANESE.test(charset)) {
      try {
        const text: unknown = japaneseLib().convert(buf, { to: 'UNICODE', from: charset as never, type: 'string' });
        if (typeof text === 'string') return text;
      } catch {
        /* iconv-lite's turn, as in libmime */
      }
    }
    return iconv.decode(buf, charset);
  } catch {
    return buf.toString();
  }
}

const isHex = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));

function qBytes(text: string): Buffer {
  const buf = Buffer.from(text.replace(/=\s+([0-9a-fA-F])/g, '=$1').replace(/[_\s]/g, ' '));
  const out = Buffer.alloc(buf.length);
  let n = 0;
  for (let i = 0, len = buf.length; i < len; i++) {
    const c = buf[i];
    // libmime looks two bytes ahead from len - 2 on: a lone "=X" at the end stays as written.
    if (c === 0x3d && i <= len - 2 && isHex(buf[i + 1]) && isHex(buf[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(buf[i + 1], buf[i + 2]), 16);
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** libbase64's decode: input made of several padded segments (joined words) is decoded segment by segment. */
function bBytes(text: string): Buffer {
  // eslint-disable-next-line no-control-regex
  const str = /[^\u0000-\u00ff]/.test(text) ? text.replace(/[^\u0000-\u00ff]+/g, '') : text;
  const pad = str.indexOf('=');
  if (pad < 0 || !/[a-zA-Z0-9+/\-_]/.test(str.slice(pad))) return Buffer.from(str, 'base64');
  const out = Buffer.alloc(Math.floor((str.length * 3) / 4));
  let length = 0;
  for (let start = 0; start <= str.length; ) {
    let end = str.indexOf('=', start);
    if (end < 0) end = str.length;
    if (end > start) length += out.write(str.substring(start, end), length, 'base64');
    start = end + 1;
  }
  return out.subarray(0, length);
}

function decodeWord(rawCharset: string, encoding: string, text: string): string {
  const star = rawCharset.indexOf('*'); // an RFC 2231 language tag, ignored
  const charset = normalizeCharset(star >= 0 ? rawCharset.slice(0, star) : rawCharset);
  const e = encoding.toUpperCase();
  return decodeBytes(e === 'Q' ? qBytes(text) : e === 'B' ? bBytes(text) : Buffer.from(text), charset);
}

const JOIN = '__\x00JOIN\x00__';
const joinable = (kind: 'B' | 'Q') =>
  new RegExp(`(=\\?([^?]+)\\?[${kind}${kind.toLowerCase()}]\\?[^?]*\\?=)\\s*(?==\\?([^?]+)\\?[${kind}${kind.toLowerCase()}]\\?[^?]*\\?=)`, 'g');
const JOIN_B = joinable('B');
const JOIN_Q = joinable('Q');
const markJoin = (match: string, left: string, a: string, b: string) => (normalizeCharset(a || '') === normalizeCharset(b || '') ? left + JOIN : match);

/** Decode every encoded word of a header value (libmime's steps: join same-charset neighbours, drop blanks between words, decode). */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(JOIN_B, markJoin)
    .replace(JOIN_Q, markJoin)
    .replace(/(\?=)?__\x00JOIN\x00__(=\?([^?]+)\?[QqBb]\?)?/g, '')
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?[^?]+\?[QqBb]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([\w_\-*]+)\?([QqBb])\?([^?]*)\?=/g, (_m, charset: string, encoding: string, text: string) => decodeWord(charset, encoding, text));
}

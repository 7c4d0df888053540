// decodeEncodedWords is libmime's decodeWords without loading libmime: it must give libmime's answer
// on every encoded header of the corpus (the archive's 19,339 messages included) and on generated
// words that hit the edges of each step (joins, padding, "=" at the end, language tags, charsets
// iconv-lite and encoding-japanese decode, and names neither knows).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import libmime from 'libmime';
import { normalizeCharset as libmimeCharset } from 'libmime/lib/charset.js';
import { decodeEncodedWords, normalizeCharset } from '../src/mail/encoded-words.js';
import { fixRaw8bit } from '../src/mail/headers.js';
import { archiveMbox } from './helpers/archive.js';
import { corpusGroups } from './helpers/corpus-files.js';

/** Unfolded lines holding "=?", the way header values reach the decoder (raw and as fixRaw8bit gives them). */
function encodedLines(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let v = lines[i];
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1])) v += lines[++i];
    if (v.includes('=?') && v.length < 4000) out.push(v.replace(/\r$/, ''));
  }
  return out;
}

function differences(values: Iterable<string>): { checked: number; wrong: string[] } {
  let checked = 0;
  const wrong: string[] = [];
  for (const v of values) {
    for (const input of new Set([v, fixRaw8bit(v)])) {
      checked++;
      if (decodeEncodedWords(input) !== libmime.decodeWords(input)) wrong.push(input);
    }
  }
  return { checked, wrong };
}

describe('encoded words decoded as libmime decodes them', () => {
  it('on every line with an encoded word in the corpus files', () => {
    const values = corpusGroups().flatMap((g) => g.files).flatMap((f) => encodedLines(readFileSync(f, 'latin1')));
    const { checked, wrong } = differences(values);
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('on every line with an encoded word in the real archive', () => {
    const values = encodedLines(readFileSync(archiveMbox(), 'latin1'));
    const { checked, wrong } = differences(values);
    // gb2312, koi8-r, iso-2022-jp, windows-1252 and us-ascii words are among them.
    expect(values.some((v) => /=\?gb2312\?/i.test(v)) && values.some((v) => /=\?iso-2022-jp\?/i.test(v))).toBe(true);
    expect(checked).toBeGreaterThan(2000);
    expect(wrong).toEqual([]);
  });

  it('on generated words at the edges of every step', () => {
    let seed = 2047;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff), (seed >>> 8) % n);
    const pick = <T>(xs: T[]) => xs[rand(xs.length)];
    const charsets = ['utf-8', 'UTF-8', 'utf8', 'us-ascii', 'ascii', 'iso-8859-1', 'ISO-8859-15', 'latin1', 'l2', 'windows-1252', 'win-1250',
      'cp1252', 'gb2312', 'GBK', 'big5', 'koi8-r', 'iso-2022-jp', 'shift_jis', 'euc-jp', 'utf-7', 'utf-16', 'x-unknown', 'utf-8*en', 'iso-8859-1*de', '8859-2', ''];
    const text = 'Grüße 文字 Привет \u00e9\u20ac abc';
    const payload = (enc: string) => {
      if (rand(4) === 0) return pick(['', '=', '=4', '=4G', '_', '=\t41', 'a=3D=3', '==', 'QUJD=', 'QUJD=RA==', 'Zm9v\u0141YmFy', '=?', 'a b']);
      const bytes = rand(2) ? Buffer.from(text.slice(rand(8), 8 + rand(20)), 'utf8') : Buffer.from(Array.from({ length: rand(12) }, () => rand(256)));
      if (enc.toUpperCase() === 'B') return bytes.toString('base64').slice(0, rand(3) ? undefined : rand(12));
      return [...bytes].map((b) => (b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x3f && b !== 0x5f ? String.fromCharCode(b) : rand(5) ? `=${b.toString(16).padStart(2, '0')}` : '_')).join('');
    };
    const values: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const parts: string[] = [];
      for (let w = 0, n = 1 + rand(4); w < n; w++) {
        const cs = pick(charsets), enc = pick(['Q', 'q', 'B', 'b', 'B', 'Q', 'X']);
        parts.push(rand(6) ? `=?${cs}?${enc}?${payload(enc)}?=` : pick(['Re:', 'plain', '[PATCH v2 1/3]', 'x=?y', '"name"']));
        parts.push(pick(['', ' ', '  ', '\t', ' \r\n ', '', ' ']));
      }
      values.push(parts.join(''));
    }
    // One text's bytes cut anywhere (inside a character too) into words: what the joins are for.
    const encode = (bytes: Buffer, enc: string) =>
      enc === 'B' ? bytes.toString('base64') : [...bytes].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    for (let i = 0; i < 2000; i++) {
      const cs = pick(['utf-8', 'UTF-8', 'gb2312', 'koi8-r']);
      const bytes = cs.startsWith('utf') ? Buffer.from(text, 'utf8') : Buffer.from(Array.from({ length: 12 }, () => 0xa1 + rand(90)));
      const words: string[] = [];
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + rand(5);
        const enc = rand(3) ? pick(['B', 'Q']) : 'B';
        // Now and then a neighbour in another charset, which must not be joined to this one.
        words.push(`=?${rand(8) ? cs : pick(['iso-8859-1', 'utf-8'])}?${enc}?${encode(bytes.subarray(at, at + n), enc)}?=`);
        at += n;
      }
      values.push(words.join(pick(['', ' ', '\r\n '])));
    }
    const { checked, wrong } = differences(values);
    expect(checked).toBeGreaterThanOrEqual(6000);
    expect(wrong).toEqual([]);
  });

  it('names charsets as libmime does', () => {
    for (const cs of ['UTF-8', 'us-ascii', 'latin1', 'ISO8859-2', 'win1251', 'l9', 'gb2312', 'x-weird', ' Utf_8 ', 'windows-1252', 'ks_c_5601-1987']) {
      expect(normalizeCharset(cs), cs).toBe(libmimeCharset(cs));
    }
  });
});

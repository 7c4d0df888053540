// The From/To/Cc fast path gives what the full address parser gives, on every header in the corpus.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { parseAddresses } from '../src/mail/addresses.js';
import { openSource } from '../src/sources/open.js';
import { decodeWords, fixRaw8bit, getAllHeaders, headerEnd, parseHeaderBlock } from '../src/mail/headers.js';
import { CORPUS, ROOT } from './helpers/corpus.js';
import type { Address } from '../src/model/mail.js';

interface Parsed { name?: string; address?: string; group?: Parsed[] }

function full(value: string): Address[] {
  const out: Address[] = [];
  const flat = (l: Parsed[]) => {
    for (const a of l) {
      if (a.group) flat(a.group);
      else if (a.address || a.name) out.push({ name: decodeWords(fixRaw8bit(a.name ?? '')).trim(), email: (a.address ?? '').trim() });
    }
  };
  flat(addressparser(value) as Parsed[]);
  return out;
}

function mailFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) mailFiles(p, out);
    else if (/\.(mbox|patch)$/.test(p)) out.push(p);
  }
  return out;
}

describe('parseAddresses', () => {
  it('agrees with the full parser on every From/To/Cc header of the corpus and the demo', async () => {
    let n = 0;
    for (const f of [...mailFiles(CORPUS), ...mailFiles(join(ROOT, 'patches'))]) {
      for await (const r of openSource(f)) {
        const { end } = headerEnd(r.bytes);
        const { headers } = parseHeaderBlock(r.bytes.subarray(0, end).toString('latin1'));
        for (const name of ['from', 'to', 'cc']) {
          for (const v of getAllHeaders(headers, name)) {
            n++;
            expect(parseAddresses(v), `${f}: ${v}`).toEqual(full(v));
          }
        }
      }
    }
    expect(n).toBeGreaterThan(800);
  });

  it('quoted names, encoded words and bare addresses', () => {
    expect(parseAddresses('"Koutný, Michal" <mkoutny@suse.com>')).toEqual([{ name: 'Koutný, Michal', email: 'mkoutny@suse.com' }]);
    expect(parseAddresses('=?UTF-8?B?QmrDtnJuIFTDtnBlbA==?= <bjorn.topel@intel.com>')).toEqual([{ name: 'Björn Töpel', email: 'bjorn.topel@intel.com' }]);
    expect(parseAddresses('akpm@linux-foundation.org')).toEqual([{ name: '', email: 'akpm@linux-foundation.org' }]);
    expect(parseAddresses('a@b.c (Comment Name)')).toEqual(full('a@b.c (Comment Name)'));
  });
});

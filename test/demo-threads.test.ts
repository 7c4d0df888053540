// The bundled demo threads (patches/*.mbox) must look like what git send-email and list readers
// produce, because the end-to-end tests and the README's walk-through rely on that shape.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, corpus } from './helpers/corpus.js';

interface Msg { headers: Map<string, string>; body: string }

function parse(text: string): Msg {
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('From ')) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: text.slice(split + 2) };
}

function messages(file: string): Msg[] {
  const dir = mkdtempSync(join(tmpdir(), 'ls-demo-thr-'));
  try {
    execFileSync('git', ['mailsplit', '-o' + dir, join(ROOT, 'patches', file)]);
    return readdirSync(dir).sort().map((n) => parse(readFileSync(join(dir, n), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ids = (v: string | undefined) => (v ?? '').match(/<[^<>\s]+>/g) ?? [];
const addresses = (v: string | undefined) => ((v ?? '').match(/[\w.+-]+@[\w.-]+\.\w+/g) ?? []).map((a) => a.toLowerCase());
const h = (m: Msg, name: string) => m.headers.get(name) ?? '';

const v1 = messages('fenced-nodes-v1.mbox');
const v2 = messages('fenced-nodes-v2.mbox');

describe('demo threads', () => {
  for (const [name, msgs, total, prefix] of [['v1', v1, 2, 'RFC PATCH'], ['v2', v2, 5, 'RFC PATCH v2']] as const) {
    it(`${name}: a cover letter and ${total} patches threaded under it, as git send-email sends them`, () => {
      const cover = msgs[0];
      expect(h(cover, 'subject')).toMatch(new RegExp(`^\\[${prefix} 0/${total}\\] `));
      expect(h(cover, 'in-reply-to')).toBe('');
      const coverId = h(cover, 'message-id');
      for (let n = 1; n <= total; n++) {
        const p = msgs[n];
        expect(h(p, 'subject')).toMatch(new RegExp(`^\\[${prefix} ${n}/${total}\\] `));
        expect(h(p, 'in-reply-to')).toBe(coverId);
        expect(ids(h(p, 'references'))).toEqual([coverId]);
        expect(h(p, 'x-mailer')).toBe('git-send-email 2.43.0');
        // git send-email stamps one id per run and numbers the messages from the cover letter on.
        expect(h(p, 'message-id').replace(/-\d+-/, '-N-')).toBe(coverId.replace(/-\d+-/, '-N-'));
        expect(p.body).toMatch(new RegExp(`^Signed-off-by: ${h(p, 'from').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      }
    });

    it(`${name}: every reply answers a message of the same thread, with References ending in its parent`, () => {
      const known = new Set(msgs.map((m) => h(m, 'message-id')));
      expect(known.size).toBe(msgs.length);
      for (const m of msgs.slice(total + 1)) {
        const parent = h(m, 'in-reply-to');
        expect(known.has(parent), parent).toBe(true);
        const refs = ids(h(m, 'references'));
        expect(refs.at(-1)).toBe(parent);
        expect(refs[0]).toBe(h(msgs[0], 'message-id'));
        expect(h(m, 'subject').startsWith('Re: [')).toBe(true);
      }
    });

    it(`${name}: quoted diff lines in replies are verbatim lines of the message they answer`, () => {
      const byId = new Map(msgs.map((m) => [h(m, 'message-id'), m]));
      let quotedDiffLines = 0;
      for (const m of msgs.slice(total + 1)) {
        const parent = byId.get(h(m, 'in-reply-to'))!;
        const parentLines = new Set(parent.body.split('\n'));
        for (const line of m.body.split('\n')) {
          if (!/^> [-+ @]/.test(line) || line.startsWith('> > ')) continue;
          quotedDiffLines++;
          expect(parentLines.has(line.slice(2)), line).toBe(true);
        }
      }
      expect(quotedDiffLines).toBeGreaterThan(4);
    });
  }

  it('review trailers are sent from the address they name', () => {
    const trailers = [...v1, ...v2].flatMap((m) =>
      [...m.body.matchAll(/^(Reviewed-by|Acked-by|Tested-by): (.+)$/gm)].map((t) => ({ from: addresses(h(m, 'from'))[0], named: addresses(t[2])[0] })));
    expect(trailers.length).toBeGreaterThanOrEqual(3);
    for (const t of trailers) expect(t.named).toBe(t.from);
  });

  it('the v2 changelog credits the v1 reviewer whose comment it addresses', () => {
    const v1Reviewer = v1.slice(3).map((m) => h(m, 'from')).find((f) => !f.includes('mira.castellano'))!;
    const name = v1Reviewer.replace(/\s*<.*$/, '');
    const changes = v2[0].body.slice(v2[0].body.indexOf('Changes since v1:'));
    expect(changes.split('\n\n')[0]).toContain(name);
  });

  it('exactly one deliberate Cc gap: the DAMON patch misses the DAMON list that get_maintainer.pl names', () => {
    // Reference output of get_maintainer.pl on MAINTAINERS-6.12 for the files the demo touches.
    // The corpus README says entries are joined by 0x1f; the stored file ends each entry's ")" with
    // a literal "x" instead, so accept both.
    const expected = new Map<string, string[]>();
    for (const row of readFileSync(corpus('kernel/get_maintainer/files.tsv'), 'utf8').split('\n')) {
      const [path, out] = row.split('\t');
      if (out) expected.set(path, out.split(/\x1f|(?<=\))x/).filter((e) => e.includes('(open list')).flatMap(addresses));
    }
    const missing: string[] = [];
    let checked = 0;
    for (const p of v2.slice(1, 6)) {
      const recipients = new Set([...addresses(h(p, 'to')), ...addresses(h(p, 'cc'))]);
      for (const [, file] of p.body.matchAll(/^diff --git a\/(\S+) /gm)) {
        for (const list of expected.get(file) ?? []) {
          checked++;
          if (!recipients.has(list)) missing.push(`${h(p, 'subject').slice(0, 20)} ${list}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(missing).toEqual(['[RFC PATCH v2 4/5] m damon@lists.linux.dev']);
  });
});

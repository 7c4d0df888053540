// The index reads each message's envelope from its bytes without parsing it all (src/mail/envelope.ts).
// Whatever it reads must be what parseMail gives, or the index would thread and group mail
// differently from reading everything: checked on every message of the corpus, the whole cgroups
// archive included, and on the cases the fast paths must get right (folded and odd-cased names,
// encoded single-part bodies, a soft line break before a diff marker).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readEnvelope, type Envelope } from '../src/mail/envelope.js';
import { extractIds, parseMail } from '../src/mail/parse.js';
import { splitMbox } from '../src/sources/mbox.js';
import { bufferChunks, syncFileChunks } from '../src/sources/read.js';
import { archiveMbox } from './helpers/archive.js';
import { corpusGroups } from './helpers/corpus-files.js';

function viaParseMail(bytes: Buffer): Envelope {
  const { mail } = parseMail({ bytes, origin: { source: '', index: 0 } });
  return {
    msgid: mail.msgid, synthesizedId: mail.synthesizedId, inReplyTo: mail.inReplyTo, references: mail.references,
    subject: mail.subject, from: mail.from, date: mail.date ? mail.date.getTime() : null, hasPatch: mail.hasPatch,
  };
}

/** Messages whose envelope differs, with the first few differences spelled out. */
async function differences(chunks: AsyncIterable<Buffer>, label: string): Promise<{ count: number; patches: number; diffs: string[] }> {
  let count = 0;
  let patches = 0;
  const diffs: string[] = [];
  for await (const m of splitMbox(chunks, { source: label })) {
    count++;
    const want = viaParseMail(m.bytes);
    const got = readEnvelope(m.bytes);
    if (want.hasPatch) patches++;
    if (JSON.stringify(got) !== JSON.stringify(want)) diffs.push(`${label} #${m.origin.index}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  }
  return { count, patches, diffs };
}

describe('envelope', () => {
  it('equals parseMail on every message of the corpus files', async () => {
    let count = 0;
    const diffs: string[] = [];
    for (const g of corpusGroups()) {
      for (const f of g.files) {
        const r = await differences(bufferChunks(readFileSync(f)), f);
        count += r.count;
        diffs.push(...r.diffs);
      }
    }
    expect(count).toBeGreaterThan(1000);
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('equals parseMail on all 19,339 messages of the cgroups archive', async () => {
    const r = await differences(syncFileChunks(archiveMbox()), 'cgroups');
    expect(r.count).toBe(19339);
    // Patches are a large share of list mail: the diff test is exercised, not skipped.
    expect(r.patches).toBeGreaterThan(5000);
    expect(r.diffs.slice(0, 5)).toEqual([]);
  }, 120_000);

  const mail = (head: string, body: string) => Buffer.from(`${head}\n\n${body}`, 'latin1');
  const DIFF = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n';

  it.each([
    ['odd-cased and folded names', mail('mESSAGE-iD:\n <a@b>\nSUBJECT: [PATCH 1/2]\n  folded\nfrom: A <a@x>\nIn-Reply-To: <p@b>', DIFF)],
    ['a malformed line between a header and its continuation', mail('Message-ID: <a@b>\nReferences: <r1@b>\nbogus line\n <r2@b>\nSubject: s', 'text')],
    ['a repeated header: the first one counts', mail('Message-ID: <a@b>\nSubject: one\nSubject: two\nFrom: A <a@x>', 'x')],
    ['quoted-printable patch', mail('Message-ID: <a@b>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable', 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a=3D1\n+b=3D2\n')],
    ['quoted-printable: a soft break before the marker joins it to the line above', mail('Message-ID: <a@b>\nContent-Transfer-Encoding: quoted-printable', 'text=\ndiff --git a/x b/x\n')],
    ['quoted-printable: an encoded marker', mail('Message-ID: <a@b>\nContent-Transfer-Encoding: quoted-printable', '=64iff --git a/x b/x\n')],
    ['base64 patch', mail('Message-ID: <a@b>\nContent-Type: text/plain\nContent-Transfer-Encoding: base64', Buffer.from(DIFF).toString('base64').replace(/.{60}/g, '$&\n'))],
    ['a UTF-16 body is decoded before looking', mail('Message-ID: <a@b>\nContent-Type: text/plain; charset=utf-16le\nContent-Transfer-Encoding: base64', Buffer.from(DIFF, 'utf16le').toString('base64'))],
    ['an attached patch', mail('Message-ID: <a@b>\nContent-Type: multipart/mixed; boundary=XX', `--XX\nContent-Type: text/plain\n\nsee attached\n--XX\nContent-Type: text/x-patch\nContent-Disposition: attachment; filename=a.patch\n\n${DIFF}--XX--\n`)],
    ['no Message-ID', mail('Subject: s\nDate: Mon, 1 Jan 2024 10:00:00 +0000 (UTC)', 'x')],
  ])('%s', async (_name, bytes) => {
    const r = await differences(bufferChunks(bytes), 'case');
    expect(r.count).toBe(1);
    expect(r.diffs).toEqual([]);
  });

  it('the cases above are read as expected, not only as parseMail reads them', () => {
    const hasPatch = (head: string, body: string) => readEnvelope(mail(head, body)).hasPatch;
    expect(hasPatch('Message-ID: <a@b>\nContent-Transfer-Encoding: quoted-printable', 'text=\ndiff --git a/x b/x\n')).toBe(false);
    expect(hasPatch('Message-ID: <a@b>\nContent-Transfer-Encoding: quoted-printable', '=64iff --git a/x b/x\n')).toBe(true);
    expect(hasPatch('Message-ID: <a@b>\nContent-Transfer-Encoding: base64', Buffer.from(DIFF).toString('base64'))).toBe(true);
    const e = readEnvelope(mail('mESSAGE-iD:\n <a@b>\nSUBJECT: [PATCH 1/2]\n  folded\nfrom: A <a@x>', 'x'));
    expect([e.msgid, e.subject, e.from!.email]).toEqual(['a@b', '[PATCH 1/2] folded', 'a@x']);
    expect(readEnvelope(mail('Message-ID: <a@b>\nReferences: <r1@b>\nbogus line\n <r2@b>', 'x')).references).toEqual(['r1@b', 'r2@b']);
  });

  it('message ids are the tokens the reference pattern finds, on random values and long runs', () => {
    const pattern = (v: string) => [...v.matchAll(/<([^<>\s]{1,995})>/g)].map((m) => m[1]).slice(0, 500);
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
    const parts = ['<', '>', ' ', '\t', '\u00a0', '\u2028', 'a', 'x@y', '.', '<a@b>', '\n '];
    for (let i = 0; i < 3000; i++) {
      let v = '';
      for (let k = rnd(30); k > 0; k--) v += parts[rnd(parts.length)];
      expect(extractIds(v), JSON.stringify(v)).toEqual(pattern(v));
    }
    for (const len of [994, 995, 996, 1200]) {
      const v = `<${'x'.repeat(len)}> <ok@id> <${'y'.repeat(len)}<z@id>`;
      expect(extractIds(v)).toEqual(pattern(v));
    }
    const many = Array.from({ length: 600 }, (_, i) => `<${i}@x>`).join(' ');
    expect(extractIds(many)).toEqual(pattern(many));
  });
});

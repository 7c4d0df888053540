// Trailer collection as b4 does it: parsing (b4's own parse tests), what counts in a reply, scopes,
// sender checks, and the per-patch trailer sets b4's thread tests expect (*.verify).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { emailMatches, findTrailers, formatTrailer, patchTrailers, replyTrailers, senderVouches } from '../src/series/trailers.js';
import { getBodyParts } from '../src/am/body-parts.js';
import { writeAm } from '../src/am/index.js';
import type { Series } from '../src/model/series.js';
import { corpus, hasCommand } from './helpers/corpus.js';
import { mbox, type MkOpts } from './helpers/mkmail.js';
import { IDENTITY, amAndLog } from './am-fixture.js';

const sample = (name: string) => corpus('b4-samples', name);

async function load(...msgs: MkOpts[]) {
  const dir = mkdtempSync(join(tmpdir(), 'lorescope-tr-'));
  writeFileSync(join(dir, 'x.mbox'), mbox(...msgs));
  return loadSources([join(dir, 'x.mbox')]);
}

async function onlyMail(file: string) {
  const { mails } = await loadSources([file]);
  expect(mails.size).toBe(1);
  return [...mails.values()][0];
}

describe('parsing trailers of a patch (b4 test_parse_trailers samples)', () => {
  it('trailers-test-simple: names, values as written, kinds', async () => {
    const mail = await onlyMail(sample('trailers-test-simple.txt'));
    const got = getBodyParts(mail.body).trailers.map((t) => [t.kind, t.name, t.value, t.extinfo ?? null]);
    expect(got).toEqual([
      ['person', 'Reported-by', '"Doe, Jane" <jane@example.com>', null],
      ['person', 'Reviewed-by', 'Bogus Bupkes <bogus@example.com>', null],
      ['utility', 'Fixes', 'abcdef01234567890', null],
      ['utility', 'Link', 'https://msgid.link/some@msgid.here', null],
    ]);
    expect(patchTrailers(mail.body).map((t) => t.name)).toEqual(['Reported-by', 'Reviewed-by', 'Fixes', 'Link']);
  });

  it('trailers-test-extinfo: annotations kept as written, wrapped addresses joined', async () => {
    const mail = await onlyMail(sample('trailers-test-extinfo.txt'));
    const parts = getBodyParts(mail.body);
    expect(parts.trailers.map((t) => [t.kind, t.name, t.value, t.extinfo ?? null])).toEqual([
      ['person', 'Reported-by', 'Some, One <somewhere@example.com>', null],
      ['person', 'Reviewed-by', 'Bogus Bupkes <bogus@example.com>', '[for the parts that are bogus]'],
      ['utility', 'Fixes', 'abcdef01234567890', null],
      ['person', 'Tested-by', 'Some Person <bogus2@example.com>', '           [this person visually indented theirs]'],
      ['utility', 'Link', 'https://msgid.link/some@msgid.here', '  # initial submission'],
      ['person', 'Signed-off-by', 'Wrapped Persontrailer <broken@example.com>', null],
    ]);
    expect(parts.trailers.map((t) => t.scope)).toEqual([
      null, '[for the parts that are bogus]', null, '[this person visually indented theirs]', '# initial submission', null,
    ]);
    expect(parts.trailers.map((t) => formatTrailer(t))).toContain('Tested-by: Some Person <bogus2@example.com>\n           [this person visually indented theirs]');
    expect(parts.message.trimEnd()).toBe('This is a simple trailer parsing test.');
    expect(parts.trailers[0].person).toEqual({ name: 'Some, One', email: 'somewhere@example.com' });
  });
});

describe('what counts as a trailer in a reply', () => {
  it('skips quoted lines, the signature, patch metadata, questions and stray links', () => {
    const body = [
      '> Reviewed-by: Quoted Person <quoted@example.org>',
      'On Monday someone wrote:',
      'Fixes: ?',
      'Fixes: 0123456789ab ("mm: a real commit")',
      'Cc: someone@example.org',
      'See-also: https://example.org/not-a-link-trailer',
      'Link: https://lore.kernel.org/r/abc@example.org',
      'Note: just prose without an address',
      'Acked-by: Ann <ann@example.org> # for the mm parts',
      'Reviewed-by: Ann <ann@example.org>',
      '  [for the cgroup bits]',
      'Tested-by: Ann <ann@example.org> (Documentation)',
      '-- ',
      'Signed-off-by: In The Signature <sig@example.org>',
    ].join('\n');
    const got = replyTrailers(body).map((t) => [formatTrailer(t), t.scope]);
    expect(got).toEqual([
      ['Fixes: 0123456789ab ("mm: a real commit")', null],
      ['Link: https://lore.kernel.org/r/abc@example.org', null],
      ['Acked-by: Ann <ann@example.org> # for the mm parts', '# for the mm parts'],
      ['Reviewed-by: Ann <ann@example.org>\n  [for the cgroup bits]', '[for the cgroup bits]'],
      ['Tested-by: Ann <ann@example.org> (Documentation)', '(Documentation)'],
    ]);
    // In a commit message, every `Name: value` line of the last paragraph is a trailer.
    expect(findTrailers('Cc: someone@example.org\nNote: prose', false).trailers.map((t) => t.name)).toEqual(['Cc', 'Note']);
  });

  it('bare addresses and <mailto:> leftovers become plain person values', () => {
    const [a, b] = replyTrailers('Reviewed-by: <bare@example.org>\nAcked-by: Ann Author <ann@example.org<mailto:ann@example.org>>\n');
    expect([a.value, a.person]).toEqual(['bare@example.org', { name: '', email: 'bare@example.org' }]);
    expect(b.person?.email).toBe('ann@example.org');
  });

  it('the sender vouches by address (forgiving +tags and a subdomain level) or by name', () => {
    expect(emailMatches('Foo+kernel@example.com', 'foo@example.com')).toBe(true);
    expect(emailMatches('foo@linux.intel.com', 'foo@intel.com')).toBe(true);
    expect(emailMatches('foo@a.b.intel.com', 'foo@intel.com')).toBe(false);
    expect(emailMatches('bar@example.com', 'foo@example.com')).toBe(false);
    const [t] = replyTrailers('Reviewed-by: Jane Doe <jane@work.example>\n');
    expect(senderVouches(t, { name: 'Jane Doe', email: 'jane@home.example' })).toBe(true);
    expect(senderVouches(t, { name: 'Doe, Jane', email: 'jd@home.example' })).toBe(true);
    expect(senderVouches(t, { name: 'Someone Else', email: 'else@home.example' })).toBe(false);
    const [link] = replyTrailers('Link: https://example.org/x@y\n');
    expect(senderVouches(link, { name: 'Anyone', email: 'any@example.org' })).toBe(true);
  });

  it('model: scopes kept, mismatched addresses not applied unless sloppy', async () => {
    const msgs: MkOpts[] = [
      { id: 'p', subject: '[PATCH] thing' },
      { id: 'r', subject: 'Re: [PATCH] thing', from: 'Rita <rita@example.org>', replyTo: 'p', body: '> x\n\nAcked-by: Rita <rita@example.org> # for the mm parts\nReviewed-by: Other <other@example.org>\n' },
    ];
    const strict = (await load(...msgs)).model.series[0].patches[0].trailers.filter((t) => t.source === 'followup');
    expect(strict.map((t) => [t.name, t.scope, t.extinfo, t.applied])).toEqual([
      ['Acked-by', '# for the mm parts', ' # for the mm parts', true],
      ['Reviewed-by', null, undefined, false],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'lorescope-tr-'));
    writeFileSync(join(dir, 'x.mbox'), mbox(...msgs));
    const sloppy = await loadSources([join(dir, 'x.mbox')], { sloppyTrailers: true });
    expect(sloppy.model.series[0].patches[0].trailers.every((t) => t.applied)).toBe(true);
  });
});

/** Blocks of `git log --format=%ae%n[%ce%n]%s%n%b---`: one per commit, newest first. */
function verifyBlocks(text: string): { subject: string; body: string[] }[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const endsBlock = lines[i] === '---' && (i === lines.length - 1 || /^\S+@\S+$/.test(lines[i + 1]));
    if (endsBlock) { blocks.push(cur); cur = []; } else cur.push(lines[i]);
  }
  return blocks.map((b) => ({ subject: b[1], body: b.slice(2) }));
}

/** Trailer lines of a commit body: the last paragraph before any `---` notes. */
function trailerLines(body: string[]): string[] {
  const end = body.indexOf('---');
  const msg = end >= 0 ? body.slice(0, end) : body;
  const lastBlank = msg.lastIndexOf('');
  return msg.slice(lastBlank + 1);
}

function collectedBySubject(series: Series): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of series.patches) {
    out.set(p.title, p.trailers.filter((t) => t.source !== 'patch' && t.applied).map((t) => formatTrailer(t)));
  }
  return out;
}

describe('trailers collected through replies and cover letters (b4 *.verify)', () => {
  const threads = [
    ['trailers-thread-with-followups.mbox', 'trailers-thread-with-followups.verify'],
    ['trailers-thread-with-followups.mbox', 'trailers-thread-with-followups-and-tripledash.verify'],
    ['trailers-thread-with-cover-followup.mbox', 'trailers-thread-with-cover-followup.verify'],
  ];
  for (const [input, verify] of threads) {
    it(`${verify}: each patch gets exactly the listed follow-up trailers`, async () => {
      const { model } = await loadSources([sample(input)]);
      expect(model.series).toHaveLength(1);
      const collected = collectedBySubject(model.series[0]);
      const blocks = verifyBlocks(readFileSync(sample(verify), 'utf8'));
      expect(blocks.map((b) => b.subject).sort()).toEqual([...collected.keys()].sort());
      const own = new Map(model.series[0].patches.map((p) => [p.title, p.trailers.filter((t) => t.source === 'patch').map((t) => formatTrailer(t))]));
      const mySob = `Signed-off-by: ${IDENTITY.name} <${IDENTITY.email}>`;
      for (const b of blocks) {
        const expected = trailerLines(b.body).filter((l) => l !== mySob).slice(own.get(b.subject)!.length);
        expect({ patch: b.subject, trailers: collected.get(b.subject) }).toEqual({ patch: b.subject, trailers: expected });
      }
    });
  }

  for (const [input, verify] of threads.filter(([, v]) => !v.includes('tripledash'))) {
    it.skipIf(!hasCommand('git'))(`${verify}: git am of \`am --add-my-sob\` gives those commits`, async () => {
      const { mbox: am } = writeAm(await loadSources([sample(input)]), { addMySob: true, identity: IDENTITY });
      const log = amAndLog(readFileSync(sample(input), 'utf8'), am, '%ae%n%s%n%b---');
      expect(log).toBe(readFileSync(sample(verify), 'utf8'));
    });
  }
});

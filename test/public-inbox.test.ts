// `--public-inbox DIR` on real v2 and v1 inboxes filled by public-inbox-mda from corpus mail: the same
// series as the mail itself; later runs read only what is new; deletions, purges and a damaged cache.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, corpus } from './helpers/corpus.js';
import { deliver, havePublicInbox, initInbox, piEnv, removeMessage, splitMessages, type TestInbox } from './helpers/public-inbox.js';

const FIRST = [
  corpus('b4-samples/trailers-thread-with-followups.mbox'),
  corpus('patchwork/series/base-cover-letter.mbox'),
  corpus('patchwork/series/base-different-versions.mbox'),
  corpus('patchwork/series/mercurial-cover-letter.mbox'),
];
const LATER = [corpus('b4-samples/naked-cover-bugreport.mbox')];

/** The expected model: the same messages, byte for byte, read from a maildir. */
function expectedSeries(messages: Buffer[]): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'ls-md-'));
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub));
  messages.forEach((m, i) => writeFileSync(join(dir, 'cur', String(i).padStart(5, '0')), m));
  const r = cli(['series', '--json', dir]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).series;
}

interface Run { series: unknown; messages: number; fromGit: number; fromCache: number; deleted: number }

function readInbox(inbox: TestInbox, xdg: string, extra: string[] = []): Run {
  const r = cli(['series', '--json', '--public-inbox', inbox.dir, ...extra], { env: { XDG_CACHE_HOME: xdg, LORESCOPE_DEBUG: '1' } });
  expect(r.code, r.stderr).toBe(0);
  const m = /(\d+) read from git, (\d+) from the cache, (\d+) deleted/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  const json = JSON.parse(r.stdout);
  return { series: json.series, messages: json.messages, fromGit: Number(m![1]), fromCache: Number(m![2]), deleted: Number(m![3]) };
}

const msgidOf = (m: Buffer) => /^message-id:\s*<([^>]+)>/im.exec(m.toString('latin1'))![1];

describe.skipIf(!havePublicInbox)('public-inbox v2 mirror', () => {
  let inbox: TestInbox;
  const first = splitMessages(FIRST);
  const later = splitMessages(LATER);
  const xdg = mkdtempSync(join(tmpdir(), 'ls-xdg-'));

  beforeAll(() => {
    inbox = initInbox('v2test', 2);
    deliver(inbox, first);
  });

  it('reads every message: the same series as the mail itself', () => {
    const run = readInbox(inbox, xdg);
    expect(run).toMatchObject({ messages: first.length, fromGit: first.length, fromCache: 0, deleted: 0 });
    expect((run.series as unknown[]).length).toBeGreaterThanOrEqual(4);
    expect(run.series).toEqual(expectedSeries(first));
  });

  it('a second run reads nothing from git', () => {
    const run = readInbox(inbox, xdg);
    expect(run).toMatchObject({ messages: first.length, fromGit: 0, fromCache: first.length });
    expect(run.series).toEqual(expectedSeries(first));
  });

  it('after new mail arrives, only the new messages are read from git', () => {
    deliver(inbox, later);
    const run = readInbox(inbox, xdg);
    expect(run).toMatchObject({ messages: first.length + later.length, fromGit: later.length, fromCache: first.length });
    expect(run.series).toEqual(expectedSeries([...first, ...later]));
  });

  it('a message removed from the inbox (a `d` blob) disappears', () => {
    const victim = first[1]; // a patch of the first series
    removeMessage(inbox, victim);
    const run = readInbox(inbox, xdg);
    const rest = [...first, ...later].filter((m) => m !== victim);
    expect(run).toMatchObject({ messages: rest.length, fromGit: 0, deleted: 1 });
    expect(run.series).toEqual(expectedSeries(rest));
    expect(JSON.stringify(run.series)).not.toContain(msgidOf(victim));
  });

  it('--refresh reads everything from git again, with the same result', () => {
    const before = readInbox(inbox, xdg);
    const run = readInbox(inbox, xdg, ['--refresh']);
    expect(run).toMatchObject({ messages: first.length + later.length - 1, fromGit: first.length + later.length - 1, fromCache: 0, deleted: 1 });
    expect(run.series).toEqual(before.series);
  });

  it('a truncated index file is set aside and the mirror indexed again, with the same result', () => {
    const before = readInbox(inbox, xdg);
    const index = join(xdg, 'lorescope', 'index.sqlite');
    truncateSync(index, Math.floor(statSync(index).size / 2));
    const run = readInbox(inbox, xdg);
    expect(run).toMatchObject({ fromGit: first.length + later.length - 1, fromCache: 0 });
    expect(run.series).toEqual(before.series);
    expect(readdirSync(join(xdg, 'lorescope'))).toContain('index.sqlite.damaged');
  });

  it('a rewritten history (public-inbox-purge) is noticed and read again', () => {
    const victim = first[first.length - 1];
    execFileSync('public-inbox-purge', ['--all'], { env: piEnv(inbox.root), input: victim, stdio: ['pipe', 'pipe', 'pipe'] });
    const run = readInbox(inbox, xdg);
    const rest = [...first, ...later].filter((m) => m !== victim && m !== first[1]);
    expect(run.messages).toBe(rest.length);
    expect(run.fromCache).toBe(0);
    expect(run.series).toEqual(expectedSeries(rest));
  });
});

describe.skipIf(!havePublicInbox)('public-inbox v1 mirror', () => {
  it('reads a v1 (ssoma) inbox, then only what is new', () => {
    const inbox = initInbox('v1test', 1);
    const first = splitMessages(FIRST);
    const later = splitMessages(LATER);
    deliver(inbox, first);
    const xdg = mkdtempSync(join(tmpdir(), 'ls-xdg-'));
    const one = readInbox(inbox, xdg);
    expect(one).toMatchObject({ messages: first.length, fromGit: first.length, fromCache: 0 });
    expect(one.series).toEqual(expectedSeries(first));
    deliver(inbox, later);
    const two = readInbox(inbox, xdg);
    expect(two).toMatchObject({ messages: first.length + later.length, fromGit: later.length, fromCache: first.length });
    expect(two.series).toEqual(expectedSeries([...first, ...later]));
  });
});

describe('public-inbox errors', () => {
  it('a directory that is no inbox is a one-line error and exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-notpi-'));
    const r = cli(['series', '--public-inbox', dir], { env: { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-xdg-')) } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`lorescope: ${dir}: not a public-inbox (no git/N.git epochs, not a bare git repository)\n`);
  });
});

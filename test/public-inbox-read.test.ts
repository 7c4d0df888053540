// Reading v2 epochs made with git fast-import: byte-exact messages (binary, CRLF, no final newline,
// blobs larger than a pipe or log chunk), several epochs, deletions across epochs, re-adds, locking.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { readPublicInbox, type PublicInboxStats } from '../src/sources/public-inbox.js';
import { acquireLock } from '../src/sources/cache.js';
import { fastImportEpoch, type EpochOp } from './helpers/public-inbox.js';

const msg = (i: number, body = `body ${i}\n`) => Buffer.from(`Message-ID: <m${i}@example.org>\nSubject: message ${i}\n\n${body}`);

async function readAll(dir: string, cacheRoot: string): Promise<{ bytes: Buffer[]; stats: PublicInboxStats }> {
  const stats = {} as PublicInboxStats;
  const bytes: Buffer[] = [];
  for await (const r of readPublicInbox(dir, { cacheRoot, stats })) bytes.push(Buffer.from(r.bytes));
  return { bytes, stats };
}

function inbox(epochs: EpochOp[][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-pi-fi-'));
  mkdirSync(join(dir, 'git'));
  epochs.forEach((ops, n) => fastImportEpoch(join(dir, 'git', `${n}.git`), ops, 1_700_000_000 + n * 10_000));
  return dir;
}

describe('public-inbox v2 read from git', () => {
  it('returns every message byte for byte, whatever its size or content', async () => {
    const big = msg(2, 'x'.repeat(3 * 1024 * 1024) + '\n'); // bigger than a pipe buffer and a log read
    const binary = Buffer.concat([msg(3), Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x0a])]);
    const crlf = Buffer.from('Message-ID: <m4@example.org>\r\nSubject: crlf\r\n\r\nline\r\n');
    const noNewline = Buffer.from('Message-ID: <m5@example.org>\nSubject: tail\n\nno final newline');
    const fromLine = msg(6, 'From here on\n>From quoted\n');
    const messages = [msg(1), big, binary, crlf, noNewline, fromLine];
    const dir = inbox([messages.map((m) => ({ add: m }))]);
    const cache = mkdtempSync(join(tmpdir(), 'ls-c-'));
    const first = await readAll(dir, cache);
    // Compared as hex: vitest's element-wise Buffer comparison takes seconds on megabytes.
    const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));
    expect(hex(first.bytes)).toEqual(hex(messages));
    expect(first.stats).toMatchObject({ version: 2, epochs: 1, fromGit: 6, fromCache: 0, deleted: 0 });
    const second = await readAll(dir, cache);
    expect(hex(second.bytes)).toEqual(hex(messages));
    expect(second.stats).toMatchObject({ fromGit: 0, fromCache: 6 });
  });

  it('epochs are read in numeric order; a deletion reaches back into an older epoch; a re-added message stays', async () => {
    const m = Array.from({ length: 12 }, (_, i) => msg(i));
    const epochs: EpochOp[][] = Array.from({ length: 11 }, () => []);
    // Epoch 10 sorts after 2 only numerically: a name sort would read it too early.
    epochs[0] = [{ add: m[0] }, { add: m[1] }, { add: m[2] }];
    epochs[2] = [{ add: m[3] }, { del: m[1] }, { add: m[4] }, { del: m[4] }, { add: m[4] }];
    epochs[10] = [{ add: m[5] }, { del: m[0] }];
    for (let n = 0; n < 11; n++) if (!epochs[n].length) epochs[n] = [{ add: m[6 + (n % 6)] }];
    const dir = inbox(epochs);
    const { bytes, stats } = await readAll(dir, mkdtempSync(join(tmpdir(), 'ls-c-')));
    const expected = [m[2], m[6 + 1], m[3], m[4], ...[3, 4, 5, 6, 7, 8, 9].map((n) => m[6 + (n % 6)]), m[5]];
    expect(bytes.map((b) => b.toString())).toEqual(expected.map((b) => b.toString()));
    expect(stats).toMatchObject({ epochs: 11, deleted: 3 });
  });

  it('an epoch whose history was rewritten is read again from the start', async () => {
    const old = [msg(1), msg(2), msg(3)];
    const now = [msg(1), msg(2, 'edited\n'), msg(3), msg(4)];
    const dir = inbox([old.map((b) => ({ add: b }))]);
    const cache = mkdtempSync(join(tmpdir(), 'ls-c-'));
    await readAll(dir, cache);
    // Same epoch, new history (as public-inbox-purge or -edit leave it); the old commits stay in the store.
    const gitDir = join(dir, 'git', '0.git');
    execFileSync('git', ['--git-dir', gitDir, 'update-ref', '-d', 'refs/heads/master']);
    fastImportEpoch(gitDir, now.map((b) => ({ add: b })), 1_800_000_000);
    const { bytes, stats } = await readAll(dir, cache);
    expect(bytes.map((b) => b.toString())).toEqual(now.map((b) => b.toString()));
    expect(stats).toMatchObject({ fromCache: 0, fromGit: 4 });
  });

  it('a reader that stops early leaves a cache the next run can use', async () => {
    const messages = Array.from({ length: 3000 }, (_, i) => msg(i));
    const dir = inbox([messages.slice(0, 1000).map((b) => ({ add: b })), messages.slice(1000).map((b) => ({ add: b }))]);
    const cache = mkdtempSync(join(tmpdir(), 'ls-c-'));
    let n = 0;
    for await (const _ of readPublicInbox(dir, { cacheRoot: cache })) if (++n === 1500) break;
    const { bytes, stats } = await readAll(dir, cache);
    expect(bytes.map((b) => b.toString())).toEqual(messages.map((b) => b.toString()));
    // Epoch 0 was complete before the first reader stopped; epoch 1 is read again.
    expect(stats).toMatchObject({ fromCache: 1000, fromGit: 2000 });
  });

  it('two readers of the same inbox at once: one waits for the other, both see everything', async () => {
    const messages = Array.from({ length: 500 }, (_, i) => msg(i));
    const dir = inbox([messages.map((b) => ({ add: b }))]);
    const cache = mkdtempSync(join(tmpdir(), 'ls-c-'));
    const [a, b] = await Promise.all([readAll(dir, cache), readAll(dir, cache)]);
    expect(a.bytes).toEqual(messages);
    expect(b.bytes).toEqual(messages);
    expect(a.stats.fromGit + b.stats.fromGit).toBe(500);
  });
});

describe('the cache lock', () => {
  it('is taken over from a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-lock-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, 'lock'), String(dead));
    const release = await acquireLock(join(dir, 'lock'), 'test', 1000);
    release();
  });

  it('held by a live process, fails after the wait with a one-line error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-lock-'));
    writeFileSync(join(dir, 'lock'), String(process.ppid));
    await expect(acquireLock(join(dir, 'lock'), 'the cache of X', 300)).rejects.toThrow(`the cache of X is being updated by another lorescope (pid ${process.ppid}); try again later`);
  });
});

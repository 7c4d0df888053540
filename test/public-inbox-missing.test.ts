// A public-inbox mirror that lacks some blobs (a partial clone, a damaged disk, a mirror tool that
// skipped large objects): one error entry per missing message, naming its commit, every other message
// read, exit 0 — on the first run, from the cache, after --refresh, after new mail, after a repair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendMessages, buildMirror, dropObjects, isolatedEnv, mboxMessages, type Mirror } from '../scripts/pi-mirror.mjs';
import { readPublicInbox } from '../src/sources/public-inbox.js';
import type { RawMessage } from '../src/model/mail.js';
import { cli, corpus, type CliResult } from './helpers/corpus.js';
import { fastImportEpoch } from './helpers/public-inbox.js';

const RFC = corpus('real/rfc-v4/private-memory-nodes-v4.mbox');
/** The last messages arrive later, as new mail on top of the damaged history. */
const LATER = 4;

interface SeriesJson {
  messages: number; comments: number; unattached: number; duplicates: number;
  errors: { source: string; index: number; locator: string; severity: string; message: string }[];
  series: { cover: { msgid: string; replies: unknown[] } | null; patches: { msgid: string; index: number }[]; extra: { msgid: string }[]; rerolls: { msgid: string }[]; missing: number[] }[];
}

const subjectOf = (m: Buffer) => /^Subject: (.*)$/m.exec(m.toString('latin1'))?.[1] ?? '';
const temps: string[] = [];
const fresh = (what: string) => {
  const d = mkdtempSync(join(tmpdir(), `ls-pim-${what}-`));
  temps.push(d);
  return d;
};
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });
const errorsOf = (j: SeriesJson) => j.errors.filter((e) => e.severity === 'error');

function run(dir: string, cache: string, ...extra: string[]): { r: CliResult; json: SeriesJson } {
  const r = cli(['series', '--json', '--public-inbox', dir, ...extra], { env: { XDG_CACHE_HOME: cache, LORESCOPE_DEBUG: '1' } });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  return { r, json: JSON.parse(r.stdout) as SeriesJson };
}

/** Every message read is in the model or in the errors: covers, patches, comments, unattached, duplicates, errors. */
function accounted(j: SeriesJson): number {
  const members = new Set<string>();
  for (const s of j.series) {
    if (s.cover) members.add(s.cover.msgid);
    for (const p of [...s.patches, ...s.extra, ...s.rerolls]) members.add(p.msgid);
  }
  return members.size + j.comments + j.unattached + j.duplicates + errorsOf(j).length;
}

/** The same messages as an mboxrd file, as lore would serve them. */
function writeMboxrd(msgs: Buffer[]): string {
  const file = join(fresh('mbox'), 'x.mbox');
  const parts = msgs.flatMap((m) => [Buffer.from('From mboxrd@z Thu Jan  1 00:00:00 1970\n'), Buffer.from(m.toString('latin1').replace(/^(>*From )/gm, '>$1'), 'latin1'), Buffer.from('\n')]);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

const debugLine = (r: CliResult) => /public-inbox .*: (\d+) read from git, (\d+) from the cache, (\d+) deleted, (\d+) missing/.exec(r.stderr)?.slice(1).map(Number);

describe('a public-inbox mirror with two message blobs missing', () => {
  let msgs: Buffer[];
  let mirror: Mirror;
  let gitDir: string;
  let lost: { index: number; commit: string; blob: string }[];
  let first: ReturnType<typeof run>;
  const cache = fresh('cache');

  beforeAll(async () => {
    msgs = await mboxMessages(RFC);
    expect(msgs).toHaveLength(104);
    mirror = await buildMirror(RFC, join(fresh('mirror'), 'cgroups'), { messages: (i) => i < msgs.length - LATER });
    gitDir = mirror.epochs[0];
    // A patch of the series and the first reply to its cover letter.
    const patch = msgs.findIndex((m) => /^\[RFC PATCH v4 12\/27\]/.test(subjectOf(m)));
    const reply = msgs.findIndex((m) => /^Re: /.test(subjectOf(m)));
    expect(patch).toBeGreaterThan(0);
    expect(reply).toBeGreaterThan(patch);
    lost = [patch, reply].map((i) => mirror.messages.find((m) => m.index === i)!);
    dropObjects(gitDir, lost.map((l) => l.blob));
  });

  it('git itself lacks exactly those two blobs', () => {
    for (const l of lost) expect(spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', l.blob], { env: isolatedEnv() }).status).not.toBe(0);
    const fsck = spawnSync('git', ['--git-dir', gitDir, 'fsck', '--no-dangling'], { env: isolatedEnv(), encoding: 'utf8' });
    const missing = [...(fsck.stdout + fsck.stderr).matchAll(/missing blob ([0-9a-f]{40})/g)].map((m) => m[1]);
    expect(new Set(missing)).toEqual(new Set(lost.map((l) => l.blob)));
  });

  it('exit 0, one error entry per missing message naming its commit and blob, the rest read', () => {
    first = run(mirror.dir, cache);
    const { json } = first;
    expect(json.messages).toBe(msgs.length - LATER);
    const errs = errorsOf(json);
    expect(errs.map((e) => e.locator).sort()).toEqual(lost.map((l) => `git/0.git ${l.commit}`).sort());
    for (const l of lost) {
      const e = errs.find((x) => x.locator.endsWith(l.commit))!;
      expect(e.index).toBe(l.index);
      expect(e.message).toContain(l.commit);
      expect(e.message).toContain(l.blob);
      expect(e.message).toMatch(/missing/);
    }
    expect(accounted(json)).toBe(json.messages);
    // The lost patch is a hole in the series; nothing else is.
    const rfc = json.series.find((s) => s.patches.length > 20)!;
    expect(rfc.missing).toEqual([12]);
    expect(debugLine(first.r)).toEqual([msgs.length - LATER, 0, 0, 2]);
  });

  it('every other message is read byte for byte, in order', async () => {
    const got: RawMessage[] = [];
    for await (const m of readPublicInbox(mirror.dir, { cacheRoot: fresh('lib') })) got.push(m);
    expect(got).toHaveLength(msgs.length - LATER);
    const lostAt = new Set(lost.map((l) => l.index));
    got.forEach((m, i) => {
      if (lostAt.has(i)) {
        expect(m.error).toMatch(/missing/);
        expect(m.bytes.length).toBe(0);
      } else {
        expect(m.error).toBeUndefined();
        expect(m.bytes.equals(msgs[i]), `message ${i}`).toBe(true);
      }
    });
  });

  it('the series are those of the same mail without the two lost messages', () => {
    const lostAt = new Set(lost.map((l) => l.index));
    const file = writeMboxrd(msgs.slice(0, msgs.length - LATER).filter((_, i) => !lostAt.has(i)));
    const direct = JSON.parse(cli(['series', '--json', file]).stdout) as SeriesJson;
    expect(first.json.series).toEqual(direct.series);
    expect(first.json.comments).toBe(direct.comments);
  });

  it('the second run, from the cache, reports the same two errors once each', () => {
    const again = run(mirror.dir, cache);
    expect(debugLine(again.r)).toEqual([0, msgs.length - LATER, 0, 2]);
    expect(again.r.stdout).toBe(first.r.stdout);
  });

  it('--refresh reads everything from git again, with the same result', () => {
    const refreshed = run(mirror.dir, cache, '--refresh');
    expect(debugLine(refreshed.r)).toEqual([msgs.length - LATER, 0, 0, 2]);
    expect(refreshed.r.stdout).toBe(first.r.stdout);
  });

  it('a partial clone does not fetch the missing blobs behind the user\'s back', () => {
    // The promisor remote has every object: a lazy fetch would make the errors disappear.
    const intact = join(fresh('intact'), 'cgroups');
    cpSync(mirror.dir, intact, { recursive: true });
    const intactGit = join(intact, 'git', '0.git');
    for (const l of lost) execFileSync('git', ['--git-dir', intactGit, 'hash-object', '-w', '--stdin'], { input: msgs[l.index], env: isolatedEnv() });
    const clone = join(fresh('partial'), 'cgroups');
    cpSync(mirror.dir, clone, { recursive: true });
    const cloneGit = join(clone, 'git', '0.git');
    for (const [k, v] of [['core.repositoryformatversion', '1'], ['extensions.partialClone', 'origin'], ['remote.origin.url', `file://${intactGit}`], ['remote.origin.promisor', 'true']]) {
      execFileSync('git', ['--git-dir', cloneGit, 'config', k, v], { env: isolatedEnv() });
    }
    // Plain git would fetch it (so the setup is a working partial clone) …
    const probe = join(fresh('probe'), 'cgroups');
    cpSync(clone, probe, { recursive: true });
    expect(spawnSync('git', ['--git-dir', join(probe, 'git', '0.git'), 'cat-file', '-e', lost[0].blob], { env: isolatedEnv() }).status).toBe(0);
    // … lorescope reports instead.
    const { json } = run(clone, fresh('cache-partial'));
    expect(errorsOf(json).map((e) => e.locator).sort()).toEqual(lost.map((l) => `git/0.git ${l.commit}`).sort());
    expect(spawnSync('git', ['--git-dir', cloneGit, 'cat-file', '-e', lost[0].blob], { env: { ...isolatedEnv(), GIT_NO_LAZY_FETCH: '1' } }).status).not.toBe(0);
  });

  it('after new mail arrives, the old errors stay, once each, and the new messages are read', async () => {
    await appendMessages(gitDir, msgs.slice(msgs.length - LATER));
    const later = run(mirror.dir, cache);
    expect(debugLine(later.r)).toEqual([LATER, msgs.length - LATER, 0, 2]);
    expect(later.json.messages).toBe(msgs.length);
    expect(errorsOf(later.json).map((e) => e.locator).sort()).toEqual(lost.map((l) => `git/0.git ${l.commit}`).sort());
    expect(accounted(later.json)).toBe(msgs.length);
  });

  it('once a missing blob is back (the mirror was repaired), its message is read and its error is gone', () => {
    const [fixed, still] = lost;
    execFileSync('git', ['--git-dir', gitDir, 'hash-object', '-w', '--stdin'], { input: msgs[fixed.index], env: isolatedEnv() });
    const repaired = run(mirror.dir, cache);
    expect(debugLine(repaired.r)).toEqual([msgs.length, 0, 0, 1]);
    expect(errorsOf(repaired.json).map((e) => e.locator)).toEqual([`git/0.git ${still.commit}`]);
    expect(repaired.json.series.find((s) => s.patches.length > 20)!.missing).toEqual([]);
    expect(accounted(repaired.json)).toBe(msgs.length);
  });
});

describe('a missing blob of a message the inbox deleted', () => {
  it('is no error: the deletion wins, as it would with the blob present', async () => {
    const msgs = (await mboxMessages(corpus('real/threads/001.mbox'))).slice(0, 3);
    expect(msgs).toHaveLength(3);
    const dir = fresh('deleted');
    mkdirSync(join(dir, 'git'));
    const gitDir = join(dir, 'git', '0.git');
    fastImportEpoch(gitDir, [{ add: msgs[0] }, { add: msgs[1] }, { add: msgs[2] }, { del: msgs[1] }]);
    const blob = execFileSync('git', ['hash-object', '--stdin'], { input: msgs[1], encoding: 'utf8' }).trim();
    dropObjects(gitDir, [blob]);
    const got: RawMessage[] = [];
    for await (const m of readPublicInbox(dir, { cacheRoot: fresh('cache-del') })) got.push(m);
    expect(got.map((m) => m.error ?? m.bytes.toString('hex'))).toEqual([msgs[0], msgs[2]].map((m) => m.toString('hex')));
  });
});

// Changes between versions: from the mail (patch-id + subject) and, with a tree, from git range-diff.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Command } from 'commander';
import { registerDigest } from '../src/cli/cmd-digest.js';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { compareVersions, MESSAGE_PATH } from '../src/review/interdiff.js';
import { patchId } from '../src/review/patch-id.js';
import { diffLines, hunksOf } from '../src/review/line-diff.js';
import { rangeDiffChanges, RangeDiffError } from '../src/review/range-diff.js';
import { parsePatch } from '../src/diff/parse.js';
import { ROOT } from './helpers/corpus.js';

const loaded = await loadSources([join(ROOT, 'patches')]);
const review = buildReview(loaded);
const [v1, v2] = review.series;

describe('comparing v1 and v2 of the demo from the mail', () => {
  const ch = compareVersions(v1, v2);

  it('pairs and classifies every patch', () => {
    expect(ch.method).toBe('patch-id');
    expect(ch.patches.map((p) => [p.kind, p.older?.index ?? null, p.newer?.index ?? null, p.matchedBy])).toEqual([
      ['changed', 1, 1, 'subject'],
      ['new', null, 2, null],
      ['unchanged', 2, 3, 'patch-id'],
      ['new', null, 4, null],
      ['new', null, 5, null],
    ]);
    expect(ch.counts).toEqual({ unchanged: 1, changed: 1, new: 3, dropped: 0 });
  });

  it('the interdiff of 1/5 shows the word moved into a union, and the commit message change', () => {
    const p = ch.patches[0];
    expect(p.messageChanged).toBe(true);
    expect(p.interdiff.map((f) => f.path)).toEqual([MESSAGE_PATH, 'include/linux/mm_types.h']);
    const lines = p.interdiff[1].hunks.flatMap((h) => h.lines.map((l) => `${l.op}${l.text}`.replace(/\t/g, ' ')));
    // Old version added the field after pgmap; new version wraps zone_device_data in a union.
    expect(lines).toContain('-+   unsigned long fence_id;');
    expect(lines).toContain('++   union {');
    expect(lines).toContain('+-   void *zone_device_data;');
    // Files whose diff did not change do not appear.
    expect(p.interdiff.map((f) => f.path)).not.toContain('include/linux/gfp_types.h');
  });

  it('reversed, the new patches are dropped', () => {
    const back = compareVersions(v2, v1);
    expect(back.counts).toEqual({ unchanged: 1, changed: 1, new: 0, dropped: 3 });
    expect(back.patches.filter((p) => p.kind === 'dropped').map((p) => p.older!.index)).toEqual([2, 4, 5]);
  });
});

describe('patch-id', () => {
  const cxl = v1.patches[1].files;

  it('ignores whitespace changes and hunk positions, not content', () => {
    const text = loaded.mails.get(v1.patches[1].msgid)!.patch!;
    const moved = text.replace(/^@@ -(\d+)/gm, (_m, n) => `@@ -${Number(n) + 10}`).replace(/^@@ (.*) \+(\d+)/gm, (_m, a, n) => `@@ ${a} +${Number(n) + 10}`);
    const spaced = text.replace('struct cxl_region *cxlr = to_cxl_region(dev);', 'struct cxl_region  *cxlr =  to_cxl_region(dev);');
    const edited = text.replace('to_cxl_region(dev);', 'to_cxl_region(dev->parent);');
    expect(moved).not.toBe(text);
    expect(spaced).not.toBe(text);
    expect(patchId(parsePatch(moved).files)).toBe(patchId(cxl));
    expect(patchId(parsePatch(spaced).files)).toBe(patchId(cxl));
    expect(patchId(parsePatch(edited).files)).not.toBe(patchId(cxl));
  });
});

describe('line diff', () => {
  /** Length of the longest common subsequence, by dynamic programming. */
  function lcs(a: string[], b: string[]): number {
    const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
    return t[a.length][b.length];
  }

  it('produces a minimal edit script that rebuilds both sides (random inputs)', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: rnd(25) }, () => 'abcde'[rnd(5)]);
      const b = Array.from({ length: rnd(25) }, () => 'abcde'[rnd(5)]);
      const ops = diffLines(a, b);
      expect(ops.filter((o) => o.op !== '+').map((o) => o.text)).toEqual(a);
      expect(ops.filter((o) => o.op !== '-').map((o) => o.text)).toEqual(b);
      expect(ops.filter((o) => o.op === ' ').length).toBe(lcs(a, b));
    }
  });

  it('gives up past the edit cap with a wholesale replacement', () => {
    const a = Array.from({ length: 300 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 300 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b, 50);
    expect(ops.filter((o) => o.op === '-')).toHaveLength(300);
    expect(ops.filter((o) => o.op === '+')).toHaveLength(300);
  });

  it('groups changes into hunks with context and 1-based starts', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15'];
    const b = [...a];
    b[1] = 'two';
    b[13] = 'fourteen';
    const hunks = hunksOf(diffLines(a, b), 2);
    expect(hunks.map((h) => [h.oldStart, h.newStart, h.lines.length])).toEqual([
      [1, 1, 5],
      [12, 12, 5],
    ]);
  });
});

describe('with a tree: git range-diff', () => {
  const work = mkdtempSync(join(tmpdir(), 'ls-rd-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const repo = join(work, 'tree');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  Object.assign(env, {
    HOME: work, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'lorescope demo', GIT_AUTHOR_EMAIL: 'demo@lorescope.invalid', GIT_COMMITTER_NAME: 'lorescope demo',
    GIT_COMMITTER_EMAIL: 'demo@lorescope.invalid', GIT_AUTHOR_DATE: '2024-02-26T09:00:00Z', GIT_COMMITTER_DATE: '2024-02-26T09:00:00Z',
  });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env, encoding: 'utf8' });
  cpSync(join(ROOT, 'patches', 'base-tree'), repo, { recursive: true });
  git('init', '-q', '-b', 'base');
  git('add', '-A');
  git('commit', '-q', '-m', 'lorescope demo base tree');

  it('the temp tree is the base both versions name', () => {
    expect(git('rev-parse', 'HEAD').trim()).toBe(v2.baseCommit);
  });

  it('classifies like the mail comparison, and leaves the tree untouched', async () => {
    const before = git('for-each-ref').trim() + git('status', '--porcelain');
    const rd = await rangeDiffChanges(repo, v1, v2, loaded.mails);
    expect(rd.method).toBe('range-diff');
    const mail = compareVersions(v1, v2);
    const key = (c: typeof rd) => c.patches.map((p) => `${p.kind}:${p.older?.index ?? '-'}>${p.newer?.index ?? '-'}`).sort();
    expect(key(rd)).toEqual(key(mail));
    const changed = rd.patches.find((p) => p.kind === 'changed')!;
    expect(changed.interdiff.map((f) => f.path)).toContain('include/linux/mm_types.h');
    const lines = changed.interdiff.flatMap((f) => f.hunks.flatMap((h) => h.lines.map((l) => l.op + l.text)));
    expect(lines.some((l) => l.startsWith('+') && l.includes('union {'))).toBe(true);
    expect(git('for-each-ref').trim() + git('status', '--porcelain')).toBe(before);
  });

  it('the digest command uses range-diff with --tree', async () => {
    const out = join(work, 'digest.md');
    const program = new Command().exitOverride();
    registerDigest(program);
    await program.parseAsync(['digest', join(ROOT, 'patches'), '--tree', repo, '-o', out], { from: 'user' });
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('1 unchanged, 1 changed, 3 new, 0 dropped (compared by git range-diff)');
    expect(text).toMatch(/### Interdiff of 1\/5[\s\S]*## include\/linux\/mm_types\.h[\s\S]*\+\+\t+union \{/);
  });

  it('a tree the series does not apply to is a clear error', async () => {
    git('rm', '-q', 'include/linux/mm_types.h');
    git('commit', '-q', '-m', 'drop a file');
    const far = { ...v1, baseCommit: null };
    await expect(rangeDiffChanges(repo, far, v2, loaded.mails)).rejects.toThrow(RangeDiffError);
    await expect(rangeDiffChanges(repo, far, v2, loaded.mails)).rejects.toThrow(/v1 patch 1 does not apply/);
  });
});

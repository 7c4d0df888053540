// Cases the corpus lacks (C-quoted names, deletions, copies, binary deltas, rewrites, merges), made
// by the installed git in a scratch repository, so the patch text is git's own. Line numbers are
// checked against the real file contents on each side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parsePatch } from '../src/diff/parse.js';
import type { FileDiff } from '../src/diff/types.js';
import { mailDiffstat } from './diff-corpus.js';
import { isolatedGitEnv } from './helpers/git-env.js';

let repo = '';
const env = isolatedGitEnv();
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
const write = (name: string, content: string | Buffer) => writeFileSync(join(repo, name), content);
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1) + '\n').join('');

/** Every line a hunk places on a side must be that line of the file on that side. */
function checkAgainst(file: FileDiff, oldText: string | null, newText: string | null): void {
  const oldLines = oldText?.split('\n') ?? [];
  const newLines = newText?.split('\n') ?? [];
  for (const h of file.hunks) {
    for (const l of h.lines) {
      if (l.oldLine !== null) expect(l.text).toBe(oldLines[l.oldLine - 1]);
      if (l.newLine !== null) expect(l.text).toBe(newLines[l.newLine - 1]);
    }
  }
}

const show = (rev: string, path: string) => git('show', `${rev}:${path}`);

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'lorescope-diff-'));
  git('init', '-q', '-b', 'main');
  write('été.txt', 'one\ntwo\nthree\n');
  write('gone.txt', 'x\n');
  write('blob.bin', randomBytes(3000));
  write('src.c', lines(50, (i) => `int v${i};`));
  write('doc with space.txt', lines(5, (i) => `line ${i}`));
  write('rewrite.c', lines(100, (i) => `old content line number ${i} of the file`));
  git('add', '.');
  git('commit', '-qm', 'base');
  write('été.txt', 'one\n2\nthree\n');
  git('rm', '-q', 'gone.txt');
  appendFileSync(join(repo, 'blob.bin'), 'zz');
  write('copy.c', lines(50, (i) => `int v${i};`) + 'int v51;\n');
  git('mv', 'doc with space.txt', 'doc renamed.txt');
  appendFileSync(join(repo, 'doc renamed.txt'), 'line 6\n');
  write('rewrite.c', lines(100, (i) => `new content line number ${i} of the file`));
  git('add', '.');
  git('commit', '-qm', 'change');
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('patches made by git format-patch', () => {
  it('matches git on quoted names, deletion, copy, rename with spaces, delta binary and rewrite', () => {
    const mail = git('format-patch', '-1', '--stdout', '--binary', '-C', '-C', '-B', '-M', 'HEAD');
    const p = parsePatch(mail);
    const byPath = new Map(p.files.map((f) => [f.path, f]));

    const quoted = byPath.get('été.txt')!;
    expect(mail).toContain('"a/\\303\\251t\\303\\251.txt"');
    expect(quoted).toMatchObject({ status: 'modified', oldPath: 'été.txt', additions: 1, deletions: 1 });
    checkAgainst(quoted, show('HEAD~1', 'été.txt'), show('HEAD', 'été.txt'));

    expect(byPath.get('gone.txt')).toMatchObject({ status: 'deleted', oldPath: 'gone.txt', newPath: null, oldMode: '100644', deletions: 1 });
    const copy = byPath.get('copy.c')!;
    expect(copy).toMatchObject({ status: 'copied', oldPath: 'src.c', newPath: 'copy.c', additions: 1 });
    expect(copy.similarity).toBeGreaterThan(90);
    checkAgainst(copy, show('HEAD~1', 'src.c'), show('HEAD', 'copy.c'));

    const renamed = byPath.get('doc renamed.txt')!;
    expect(renamed).toMatchObject({ status: 'renamed', oldPath: 'doc with space.txt', additions: 1 });
    checkAgainst(renamed, show('HEAD~1', 'doc with space.txt'), show('HEAD', 'doc renamed.txt'));

    expect(byPath.get('blob.bin')).toMatchObject({ binary: true, binaryPatch: true, binarySize: { old: 3000, new: 3002 } });
    const rewrite = byPath.get('rewrite.c')!;
    expect(rewrite.dissimilarity).toBeGreaterThan(50);
    expect([rewrite.additions, rewrite.deletions]).toEqual([100, 100]);

    // git's diffstat and summary in the same mail, where the patch alone can tell them (a copied
    // binary shows no content, so its "Bin" cannot be known from the text).
    const stat = mailDiffstat(mail)!;
    const ours = p.stat.lines.filter((l) => !l.includes('blob2'));
    expect(ours).toEqual(stat.lines.filter((l) => !l.includes('blob2')));
    expect(p.stat.summary).toEqual(stat.summary);
    expect(p.warnings).toEqual([]);
  });
});

describe('combined diffs of a merge', () => {
  beforeAll(() => {
    git('checkout', '-qb', 'side', 'HEAD~1');
    write('été.txt', 'one\nTWO side\nthree\n');
    write('src.c', lines(50, (i) => (i === 10 ? 'int ten;' : `int v${i};`)));
    git('commit', '-qam', 'side');
    git('checkout', '-q', 'main');
    try {
      git('merge', '-q', 'side');
    } catch {
      // The conflict is the point: resolve it by hand below.
    }
    write('été.txt', 'one\nmerged\nthree\nfour\n');
    git('add', '.');
    git('commit', '-qm', 'merge');
  });

  for (const flag of ['--cc', '-c']) {
    it(`reports ${flag} files as combined, with lines against the first parent`, () => {
      const text = git('show', flag, '--format=Subject: merge%n', 'HEAD');
      expect(text).toMatch(/^@@@ /m);
      const p = parsePatch(text);
      expect(p.files.length).toBeGreaterThan(0);
      for (const f of p.files) {
        expect(f.combined).toBe(true);
        expect(f.hunks.length).toBeGreaterThan(0);
        checkAgainst(f, show('HEAD^1', f.path), show('HEAD', f.path));
      }
      const conflict = p.files.find((f) => f.path === 'été.txt')!;
      expect(conflict.hunks[0].lines.map((l) => [l.kind, l.text])).toEqual([
        ['context', 'one'], ['del', '2'], ['add', 'merged'], ['context', 'three'], ['add', 'four'],
      ]);
      expect(p.warnings.filter((w) => w.includes('combined diff'))).toHaveLength(p.files.length);
    });
  }
});

describe('literal diffs', () => {
  it('decodes C-quoted names with octal UTF-8 and simple escapes', () => {
    const p = parsePatch([
      'diff --git "a/docs/\\303\\251t\\303\\251.txt" "b/docs/tab\\there \\"q\\".txt"',
      'similarity index 90%',
      'rename from "docs/\\303\\251t\\303\\251.txt"',
      'rename to "docs/tab\\there \\"q\\".txt"',
      'index 1111111..2222222 100644',
      '--- "a/docs/\\303\\251t\\303\\251.txt"',
      '+++ "b/docs/tab\\there \\"q\\".txt"',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ].join('\n'));
    expect(p.files[0]).toMatchObject({ status: 'renamed', oldPath: 'docs/été.txt', newPath: 'docs/tab\there "q".txt' });
    expect(p.stat.summary).toEqual([' rename "docs/\\303\\251t\\303\\251.txt" => "docs/tab\\there \\"q\\".txt" (90%)']);
  });
});

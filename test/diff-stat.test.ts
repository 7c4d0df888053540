// Diffstats per patch and per series, against what git prints for the same changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePatch } from '../src/diff/parse.js';
import { formatDiffstat } from '../src/diff/diffstat.js';
import { seriesDiffstat } from '../src/diff/series-stat.js';
import { renameName } from '../src/diff/stat-names.js';
import { corpusBody, mailBodies, readCorpus } from './diff-corpus.js';
import { isolatedGitEnv } from './helpers/git-env.js';

describe('per-patch diffstat', () => {
  it('writes the whole block format-patch wrote: lines, total, summary', () => {
    const body = readCorpus('kernel', 'debian-patches', 'features', 'all', 'ethernet-microsoft',
      '0009-net-mana-Move-header-files-to-a-common-location.patch');
    const block = /^---\n((?: .*\n)+)\n/m.exec(body)![1];
    expect(formatDiffstat(parsePatch(body).stat)).toBe(block);
  });

  it('writes git\'s total line for a single file and for no deletions', () => {
    for (const name of ['0019-multipart-patch.mbox', '0026-git-add-mixed-binary-text-files.mbox']) {
      const body = corpusBody('patchwork', 'mail', name);
      const total = / \d+ files? changed.*\n/.exec(body)![0];
      expect(formatDiffstat(parsePatch(body).stat)).toContain(total);
    }
  });

  it('abbreviates renames like git: common directories once, the rest in braces', () => {
    // Shapes from git's own rename output in the corpus mails, plus the edge cases of the rule.
    expect(renameName('drivers/net/ethernet/microsoft/mana/gdma.h', 'include/net/mana/gdma.h'))
      .toBe('{drivers/net/ethernet/microsoft => include/net}/mana/gdma.h');
    expect(renameName('package/x/a.patch', 'package/x/b.patch')).toBe('package/x/{a.patch => b.patch}');
    expect(renameName('a.c', 'b.c')).toBe('a.c => b.c');
    expect(renameName('lib/a/x.c', 'lib/x.c')).toBe('lib/{a => }/x.c');
  });
});

describe('series diffstat', () => {
  let repo = '';
  const env = isolatedGitEnv();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  const write = (name: string, text: string) => writeFileSync(join(repo, name), text);
  const numbered = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'lorescope-stat-'));
    git('init', '-q', '-b', 'main');
    write('b.c', numbered(40, 'b'));
    write('keep.h', numbered(10, 'k'));
    git('add', '.');
    git('commit', '-qm', 'base');
    write('a.c', numbered(10, 'a'));
    write('b.c', numbered(40, 'b').replace('b 3\n', 'B 3\n'));
    git('add', '.');
    git('commit', '-qm', 'one');
    write('a.c', numbered(12, 'a'));
    write('tmp.txt', 'scratch\n');
    git('add', '.');
    git('commit', '-qm', 'two');
    mkdirSync(join(repo, 'd'));
    git('mv', 'b.c', 'd/b.c');
    write('d/b.c', numbered(40, 'b').replace('b 3\n', 'B 3\n').replace('b 30\n', 'B 30\n'));
    git('rm', '-q', 'tmp.txt');
    write('keep.h', numbered(11, 'k'));
    git('add', '.');
    git('commit', '-qm', 'three');
  });

  afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('equals git diff --stat of the series when no line changes twice', () => {
    const mbox = git('format-patch', '--stdout', '-M', 'HEAD~3');
    const patches = mailBodies(mbox).map(parsePatch);
    expect(patches).toHaveLength(3);
    const ours = seriesDiffstat(patches);
    const gitStat = git('diff', '--stat=72', '--summary', '-M', 'HEAD~3', 'HEAD');
    // b.c was changed before its rename: the net similarity needs the trees, so none is claimed.
    expect(formatDiffstat(ours)).toBe(gitStat.replace(/^( rename b\.c => d\/b\.c) \(\d+%\)$/m, '$1'));
    expect(ours.summary).toContain(' rename b.c => d/b.c');
  });
});

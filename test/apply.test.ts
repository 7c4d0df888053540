// `lorescope apply` in real git repositories built from patches/base-tree: the demo series applied at
// its base-commit, at HEAD when the base is missing, with -3 onto a changed tree, a series whose patch
// 3 does not apply, and a user's hooks and drivers that must not run.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cli } from './helpers/corpus.js';
import { isolatedGitEnv } from './helpers/git-env.js';

const PATCHES = join(ROOT, 'patches');
const BASE = '9e0eb1c5804bbacc16790f1e9f844a59006102a7';
const BRANCH = 'lorescope/mm-fenced-memory-nodes-for-cxl-attached-memory-v2';
const REGION = 'drivers/cxl/core/region.c';
const work = mkdtempSync(join(tmpdir(), 'ls-apply-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = isolatedGitEnv();
// The demo's own identity and dates reproduce the base-commit the cover letters name.
const demoEnv = { ...env, GIT_AUTHOR_NAME: 'lorescope demo', GIT_AUTHOR_EMAIL: 'demo@lorescope.invalid', GIT_COMMITTER_NAME: 'lorescope demo', GIT_COMMITTER_EMAIL: 'demo@lorescope.invalid', GIT_AUTHOR_DATE: '2024-02-26T09:00:00Z', GIT_COMMITTER_DATE: '2024-02-26T09:00:00Z' };

const git = (repo: string, ...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'commit.gpgsign=false', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const gitOk = (repo: string, ...args: string[]) => { try { git(repo, ...args); return true; } catch { return false; } };
let repos = 0;

/** A tree from patches/base-tree on branch `main`; `demo` commits it exactly as the demo's base-commit. */
function makeTree(opts: { demo: boolean }): string {
  const repo = join(work, `tree-${++repos}`);
  cpSync(join(PATCHES, 'base-tree'), repo, { recursive: true });
  const e = opts.demo ? demoEnv : env;
  const g = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'commit.gpgsign=false', ...args], { env: e, stdio: 'ignore' });
  g('init', '-q', '-b', 'main');
  g('add', '-A');
  g('commit', '-q', '-m', opts.demo ? 'lorescope demo base tree' : 'my tree');
  return repo;
}

function edit(repo: string, file: string, from: string, to: string, message: string): void {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  expect(text.includes(from), `${file} contains ${JSON.stringify(from)}`).toBe(true);
  writeFileSync(path, text.replace(from, to));
  git(repo, 'commit', '-q', '-am', message);
}

const apply = (repo: string, ...args: string[]) => cli(['apply', PATCHES, '--tree', repo, ...args], { env });
const head = (repo: string, rev = 'HEAD') => git(repo, 'rev-parse', rev).trim();

describe('lorescope apply: the demo series onto patches/base-tree', () => {
  it('applies at the base-commit on a new branch, the same commits git am makes of `lorescope am`', () => {
    const repo = makeTree({ demo: true });
    expect(head(repo)).toBe(BASE);
    const r = apply(repo, '--add-link');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`5 of 5 patches applied on branch ${BRANCH}`);
    expect(r.stdout).toContain("base: 9e0eb1c5804b (the series' base-commit)");
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD').trim()).toBe(BRANCH);
    expect(head(repo, 'main')).toBe(BASE);
    expect(head(repo, 'HEAD~5')).toBe(BASE);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    // By hand: `lorescope am` with the same options, then git am, in a second tree.
    const mbox = join(work, 'by-hand.mbox');
    expect(cli(['am', PATCHES, '--add-link', '-o', mbox], { env }).code).toBe(0);
    const other = makeTree({ demo: true });
    git(other, 'am', mbox);
    expect(head(repo, 'HEAD^{tree}')).toBe(head(other, 'HEAD^{tree}'));
    const log = (d: string) => git(d, 'log', '--format=%an <%ae>%n%B', `${BASE}..HEAD`);
    expect(log(repo)).toBe(log(other));
    expect(log(repo)).toContain('Link: https://patch.msgid.link/20240311094207.40112-4-mira.castellano@example.com');
    expect(log(repo)).toContain('Reviewed-by: Oskar Lindqvist <oskar.lindqvist@example.org>');
    expect(git(repo, 'log', '-1', '--format=%an <%ae>', `${BASE}..HEAD`).trim()).toBe('Mira Castellano <mira.castellano@example.com>');
  });

  it('applies at HEAD with a warning when the tree lacks the base-commit', () => {
    const repo = makeTree({ demo: false });
    const before = head(repo);
    const r = apply(repo, '--branch', 'review/fenced');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`base-commit ${BASE} is not in ${repo}`);
    expect(r.stdout).toContain(`base: ${before.slice(0, 12)} (HEAD; base-commit 9e0eb1c5804b is not in this tree)`);
    expect(head(repo, 'review/fenced~5')).toBe(before);
    expect(head(repo, 'main')).toBe(before);
    // The name is taken now: asking for it again is refused, the automatic name is not.
    git(repo, 'checkout', '-q', 'main');
    const again = apply(repo, '--branch', 'review/fenced');
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(`lorescope: apply: branch review/fenced already exists in ${repo}; choose another --branch`);
    expect(apply(repo).code).toBe(0);
    git(repo, 'checkout', '-q', 'main');
    const second = JSON.parse(apply(repo, '--json').stdout);
    expect(second.branch).toBe(`${BRANCH}-2`);
  });

  it('names the patch, file and hunk that fail, leaves the am in progress, and the way back works', () => {
    const repo = makeTree({ demo: false });
    edit(repo, REGION, '\t&dev_attr_interleave_ways.attr,\n', '\t&dev_attr_interleave_ways.attr,\n\t&dev_attr_size.attr,\n', 'cxl: a size attribute');
    const before = head(repo);
    const r = apply(repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2 of 5 patches applied');
    expect(r.stdout).toContain('patch 3/5 failed to apply: [PATCH RFC v2 3/5] cxl/region: tag device private pages with a fence id');
    expect(r.stdout).toContain(`${REGION}:36: patch does not apply  (hunk @@ -36,9 +36,20 @@ static ssize_t interleave_ways_show(struct device *dev,)`);
    // The tree is as git am left it: stopped at patch 3 of 5, on the new branch.
    const amDir = git(repo, 'rev-parse', '--git-path', 'rebase-apply').trim();
    expect(readFileSync(join(repo, amDir, 'next'), 'utf8').trim()).toBe('3');
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD').trim()).toBe(BRANCH);
    expect(git(repo, 'rev-list', '--count', `${before}..HEAD`).trim()).toBe('2');
    expect(head(repo, 'main')).toBe(before);
    expect(r.stdout).toContain(`git -C ${repo} -c core.hooksPath=/dev/null am --continue`);
    // A second apply while the am waits is refused without touching anything.
    const busy = apply(repo);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('a git am or rebase is in progress; finish or abort it first');
    const back = /give up and go back to where you were: +(.+)$/m.exec(r.stdout)![1];
    execFileSync('sh', ['-c', back], { env, stdio: 'ignore' });
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(gitOk(repo, 'rev-parse', '--verify', '--quiet', `refs/heads/${BRANCH}`)).toBe(false);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(head(repo)).toBe(before);
  });

  it('reports the failure as JSON too', () => {
    const repo = makeTree({ demo: false });
    edit(repo, REGION, '\t&dev_attr_interleave_ways.attr,\n', '\t&dev_attr_interleave_ways.attr,\n\t&dev_attr_size.attr,\n', 'cxl: a size attribute');
    const r = apply(repo, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ lorescope: 1, applied: 2, inProgress: true, threeWay: false, hooks: false, branch: BRANCH, base: { from: 'HEAD', wanted: BASE } });
    expect(j.patches.map((p: { status: string }) => p.status)).toEqual(['applied', 'applied', 'failed', 'not applied', 'not applied']);
    expect(j.failed).toMatchObject({ position: 3, msgid: '20240311094207.40112-4-mira.castellano@example.com', files: [{ file: REGION, line: 36, reason: 'patch does not apply' }] });
  });

  it('-3 merges a patch whose context changed, and reports a real conflict as one', () => {
    const moved = makeTree({ demo: false });
    edit(moved, REGION, '\treturn sysfs_emit(buf, "%d\\n", p->interleave_ways);\n}\n', '\treturn sysfs_emit(buf, "%u\\n", p->interleave_ways);\n} /* interleave_ways_show */\n', 'cxl: print ways unsigned');
    expect(apply(moved).code).toBe(1);
    execFileSync('sh', ['-c', `git -C ${moved} am --abort && git -C ${moved} checkout -q main && git -C ${moved} branch -q -D ${BRANCH}`], { env });
    const three = apply(moved, '-3');
    expect(three.code).toBe(0);
    expect(three.stdout).toContain('5 of 5 patches applied');
    expect(readFileSync(join(moved, REGION), 'utf8')).toContain('} /* interleave_ways_show */\nstatic DEVICE_ATTR_RO(interleave_ways);\n\nstatic ssize_t fence_id_show(');

    const clash = makeTree({ demo: false });
    edit(clash, REGION, '\t&dev_attr_interleave_ways.attr,\n', '\t&dev_attr_interleave_ways.attr,\n\t&dev_attr_size.attr,\n', 'cxl: a size attribute');
    const r = apply(clash, '-3');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`patch 3/5 failed to apply`);
    expect(r.stdout).toContain(`${REGION}: merge conflict (content)`);
    expect(git(clash, 'diff', '--name-only', '--diff-filter=U').trim()).toBe(REGION);
    expect(readFileSync(join(clash, REGION), 'utf8')).toMatch(/^<<<<<<< /m);
  });

  it('refuses a tree with uncommitted changes, an untracked file in the way, and a directory that is no git tree, in one line', () => {
    const repo = makeTree({ demo: true });
    writeFileSync(join(repo, 'mm/memory-tiers.c'), '/* local hack */\n', { flag: 'a' });
    const r = apply(repo);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`lorescope: apply: ${repo} has uncommitted changes (mm/memory-tiers.c); commit or stash them first: apply switches to a new branch and must not carry them along`);
    expect(git(repo, 'branch', '--list').trim()).toBe('* main');
    expect(git(repo, 'status', '--porcelain').trim()).toBe('M mm/memory-tiers.c');
    // An untracked file where a patch creates one would stop git am half-way: refused before.
    const author = makeTree({ demo: true });
    writeFileSync(join(author, 'mm/fenced.c'), '// fenced nodes\n');
    git(author, 'add', '-A');
    git(author, 'commit', '-q', '-m', 'mm: add fenced.c');
    const mbox = join(work, 'creates.mbox');
    writeFileSync(mbox, git(author, 'format-patch', '--stdout', '-1'));
    const clean = makeTree({ demo: true });
    writeFileSync(join(clean, 'mm/fenced.c'), 'my own scratch file\n');
    const inWay = cli(['apply', mbox, '--tree', clean], { env });
    expect(inWay.code).toBe(2);
    expect(inWay.stderr.trim()).toBe(`lorescope: apply: ${clean}: untracked mm/fenced.c is in the way of patch 1, which creates it; move it away first`);
    expect(git(clean, 'branch', '--list').trim()).toBe('* main');
    expect(readFileSync(join(clean, 'mm/fenced.c'), 'utf8')).toBe('my own scratch file\n');
    const plain = join(work, 'not-a-repo');
    mkdirSync(plain, { recursive: true });
    const n = apply(plain);
    expect(n.code).toBe(2);
    expect(n.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(n.stderr).toContain(`${plain} is not a git work tree`);
  });
});

/** Hooks that log their own names to LOG when they run. */
function installHooks(dir: string, log: string): void {
  mkdirSync(dir, { recursive: true });
  for (const h of ['post-checkout', 'applypatch-msg', 'pre-applypatch', 'post-applypatch']) {
    writeFileSync(join(dir, h), `#!/bin/sh\necho ${h} >> ${log}\n`);
    chmodSync(join(dir, h), 0o755);
  }
}

describe('lorescope apply trusts nothing from the series', () => {
  it("does not run the repository's hooks unless --run-hooks", () => {
    const log = join(work, 'hooks.log');
    const quiet = makeTree({ demo: true });
    installHooks(join(quiet, '.git', 'hooks'), log);
    const r = apply(quiet);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hooks: not run');
    expect(existsSync(log)).toBe(false);
    const loud = makeTree({ demo: true });
    installHooks(join(loud, '.git', 'hooks'), log);
    const h = apply(loud, '--run-hooks');
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('hooks: ran (--run-hooks)');
    const ran = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(new Set(ran)).toEqual(new Set(['post-checkout', 'applypatch-msg', 'pre-applypatch', 'post-applypatch']));
    expect(ran.filter((x) => x === 'post-applypatch')).toHaveLength(5);
  });

  it('runs no hook or filter a patch plants through .gitattributes and an in-tree hooks directory', () => {
    const marks = join(work, 'planted');
    mkdirSync(marks);
    // The attack, as real git mail: patch 1 adds the attributes and a hook, patch 2 touches a .c file.
    const author = makeTree({ demo: true });
    writeFileSync(join(author, '.gitattributes'), '*.c filter=evil\n');
    installHooks(join(author, '.githooks'), join(marks, 'hook.log'));
    git(author, 'add', '-A');
    git(author, 'commit', '-q', '-m', 'build: attributes and hooks');
    writeFileSync(join(author, 'mm/memory-tiers.c'), '/* tidy */\n', { flag: 'a' });
    git(author, 'commit', '-q', '-am', 'mm: tidy');
    const mbox = join(work, 'planted.mbox');
    writeFileSync(mbox, git(author, 'format-patch', '--stdout', '--thread=shallow', '-n', 'HEAD~2'));
    const victim = () => {
      const repo = makeTree({ demo: true });
      git(repo, 'config', 'filter.evil.clean', `touch ${marks}/clean; cat`);
      git(repo, 'config', 'filter.evil.smudge', `touch ${marks}/smudge; cat`);
      git(repo, 'config', 'core.hooksPath', '.githooks');
      return repo;
    };
    // Control: plain git am in such a tree runs the planted hook and the user's filter.
    const control = victim();
    git(control, 'am', mbox);
    expect(existsSync(join(marks, 'hook.log')) && existsSync(join(marks, 'smudge'))).toBe(true);
    rmSync(marks, { recursive: true });
    mkdirSync(marks);

    const repo = victim();
    const r = cli(['apply', mbox, '--tree', repo], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 of 2 patches applied');
    expect(r.stdout).toContain('disarmed for the am: filter.evil');
    expect(readdirNames(marks)).toEqual([]);
    expect(readFileSync(join(repo, 'mm/memory-tiers.c'), 'utf8').endsWith('/* tidy */\n')).toBe(true);
    expect(r.stderr).toContain('the series changes .gitattributes: your own git commands on this branch will honour it');
    // --run-hooks does not extend to a hooks directory the series can write. (Leaving the branch
    // runs the user's own git, which reads the planted attributes: disarm the filter for that.)
    git(repo, '-c', 'filter.evil.clean=', '-c', 'filter.evil.smudge=', 'checkout', '-q', 'main');
    const h = cli(['apply', mbox, '--tree', repo, '--run-hooks'], { env });
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('core.hooksPath points into the work tree (.githooks), where the series can write hooks; --run-hooks refuses to run them');
    expect(readdirNames(marks)).toEqual([]);
  });
});

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).split('\n').filter(Boolean) : [];
}

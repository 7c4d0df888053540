// Before `lorescope apply` changes anything in the user's tree: is it a work tree, is it clean, is
// nothing else in progress, does git know the committer, where are we now, and where is the base.
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { firstLine, type TreeGit } from './apply-git.js';

/** Refused before anything in the tree was touched: one line for the user. */
export class ApplyRefused extends Error {}

export interface Position {
  /** The checked-out branch, or null when HEAD is detached. */
  branch: string | null;
  commit: string;
}

export interface Base {
  commit: string;
  /** `base-commit` from the series, `--base`, or HEAD for lack of either. */
  from: 'base-commit' | '--base' | 'HEAD';
  /** The base-commit the series names, when it is not the one used. */
  wanted: string | null;
}

export async function workTree(git: TreeGit): Promise<string> {
  const r = await git.run(['rev-parse', '--is-bare-repository', '--show-toplevel']);
  if (!r.ok) throw new ApplyRefused(`${git.tree} is not a git work tree (${firstLine(r.stderr)})`);
  const [bare, top] = r.stdout.trim().split('\n');
  if (bare === 'true' || !top) throw new ApplyRefused(`${git.tree} is a bare repository: apply needs a work tree`);
  return top;
}

const IN_PROGRESS: [string, string][] = [
  ['rebase-apply', 'a git am or rebase'], ['rebase-merge', 'a rebase'], ['MERGE_HEAD', 'a merge'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick'], ['REVERT_HEAD', 'a revert'], ['BISECT_LOG', 'a bisect'],
];

export async function nothingInProgress(git: TreeGit, top: string): Promise<void> {
  const r = await git.run(['rev-parse', '--path-format=absolute', ...IN_PROGRESS.flatMap(([p]) => ['--git-path', p])]);
  const paths = r.ok ? r.stdout.trim().split('\n') : [];
  paths.forEach((p, i) => {
    if (p && existsSync(resolve(top, p))) throw new ApplyRefused(`${top}: ${IN_PROGRESS[i][1]} is in progress; finish or abort it first`);
  });
}

export async function cleanTree(git: TreeGit, top: string): Promise<void> {
  const r = await git.run(['status', '--porcelain=v1', '-z', '--untracked-files=no']);
  if (!r.ok) throw new ApplyRefused(`${top}: git status failed: ${firstLine(r.stderr)}`);
  const changed = r.stdout.split('\0').filter(Boolean).map((e) => e.slice(3));
  if (changed.length) {
    const shown = changed.slice(0, 3).join(', ') + (changed.length > 3 ? `, … (${changed.length} files)` : '');
    throw new ApplyRefused(`${top} has uncommitted changes (${shown}); commit or stash them first: apply switches to a new branch and must not carry them along`);
  }
}

/** Untracked files where a patch creates one: git am would stop there, after the branch was made. */
export async function nothingInTheWay(git: TreeGit, top: string, created: { position: number; path: string }[]): Promise<void> {
  const present = created.filter((c) => !c.path.split('/').includes('..') && existsSync(resolve(top, c.path)));
  if (!present.length) return;
  const r = await git.run(['ls-files', '-z', '--', ...present.map((c) => `:(literal)${c.path}`)]);
  const tracked = new Set(r.ok ? r.stdout.split('\0').filter(Boolean) : []);
  const inWay = present.find((c) => !tracked.has(c.path));
  if (inWay) throw new ApplyRefused(`${top}: untracked ${inWay.path} is in the way of patch ${inWay.position}, which creates it; move it away first`);
}

export async function committerKnown(git: TreeGit, top: string): Promise<void> {
  const r = await git.run(['var', 'GIT_COMMITTER_IDENT']);
  if (!r.ok) throw new ApplyRefused(`${top}: git does not know who you are (set user.name and user.email): git am records you as the committer`);
}

export async function position(git: TreeGit, top: string): Promise<Position> {
  const head = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) throw new ApplyRefused(`${top} has no commits yet: nothing to apply onto`);
  const sym = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return { branch: sym.ok ? sym.stdout.trim() : null, commit: head.stdout.trim() };
}

async function commitOf(git: TreeGit, rev: string): Promise<string | null> {
  if (rev.startsWith('-')) return null;
  const r = await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return r.ok ? r.stdout.trim() : null;
}

export async function chooseBase(git: TreeGit, here: Position, explicit: string | undefined, seriesBase: string | null, warnings: string[]): Promise<Base> {
  if (explicit !== undefined) {
    const c = await commitOf(git, explicit);
    if (!c) throw new ApplyRefused(`--base ${explicit}: no such commit in ${git.tree}`);
    return { commit: c, from: '--base', wanted: seriesBase };
  }
  if (seriesBase && /^[0-9a-f]{7,64}$/i.test(seriesBase)) {
    const c = await commitOf(git, seriesBase);
    if (c) return { commit: c, from: 'base-commit', wanted: null };
    warnings.push(`base-commit ${seriesBase} is not in ${git.tree} (fetch it, or give --base); applying at HEAD ${here.commit.slice(0, 12)} instead`);
    return { commit: here.commit, from: 'HEAD', wanted: seriesBase };
  }
  warnings.push(`the series names no base-commit; applying at HEAD ${here.commit.slice(0, 12)}`);
  return { commit: here.commit, from: 'HEAD', wanted: null };
}

/**
 * With --run-hooks the repository's own hooks run, but never hooks from inside the work tree
 * (`core.hooksPath=.githooks`): the series could have written those.
 */
export async function hooksOutsideTree(git: TreeGit, top: string): Promise<void> {
  const r = await git.run(['rev-parse', '--path-format=absolute', '--git-path', 'hooks', '--git-dir']);
  const [hooks, gitDir] = r.ok ? r.stdout.trim().split('\n') : [];
  if (!hooks || !gitDir) return;
  const inside = (dir: string, parent: string) => {
    const rel = relative(parent, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (inside(hooks, top) && !inside(hooks, gitDir)) {
    throw new ApplyRefused(`${top}: core.hooksPath points into the work tree (${relative(top, hooks) || '.'}), where the series can write hooks; --run-hooks refuses to run them`);
  }
}

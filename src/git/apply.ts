// `lorescope apply`: the am-ready mbox of a series (exactly what `lorescope am` writes) applied with
// git am on a new branch of the user's tree, at the series' base-commit when the tree has it. The
// user's current branch is never moved; on failure the am is left in progress on the new branch,
// with the commands to continue, skip, abort and get back. See apply-git.ts for what is neutralised.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseSettings, firstLine, neutraliseDrivers, NO_HOOKS, TreeGit } from './apply-git.js';
import { ApplyRefused, chooseBase, cleanTree, committerKnown, hooksOutsideTree, nothingInProgress, nothingInTheWay, position, workTree, type Base, type Position } from './apply-checks.js';
import { chooseBranch } from './apply-branch.js';
import { createdFiles, gitControlFiles, hunkAt, splitAmMbox } from './apply-mbox.js';
import { parseAmFailure, type FailedFile } from './apply-report.js';
import { sanitizeLine } from '../util/sanitize.js';

export { ApplyRefused };

export interface ApplyRequest {
  tree: string;
  /** The am-ready mbox, as `lorescope am` writes it. */
  mbox: string;
  series: { id: string; title: string; version: number; baseCommit: string | null };
  branch?: string;
  /** Apply here instead of the series' base-commit. */
  base?: string;
  threeWay?: boolean;
  runHooks?: boolean;
}

export interface AppliedPatch {
  position: number;
  msgid: string | null;
  subject: string;
  status: 'applied' | 'failed' | 'not applied';
}

export interface ApplyFailure {
  position: number;
  msgid: string | null;
  subject: string;
  files: FailedFile[];
  messages: string[];
}

export interface ApplyResult {
  tree: string;
  branch: string;
  previous: Position;
  base: Base;
  patches: AppliedPatch[];
  applied: number;
  failed: ApplyFailure | null;
  /** The am stopped and waits (`git am --continue` / `--skip` / `--abort`). */
  inProgress: boolean;
  threeWay: boolean;
  hooks: boolean;
  /** Filter and merge drivers from the user's config that were disarmed for the am. */
  disarmed: string[];
  commands: { continue?: string; skip?: string; abort?: string; back: string };
  warnings: string[];
}

/** A word for a POSIX shell: quoted unless it is plainly safe. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function commandsFor(top: string, settings: readonly string[], prev: Position, branch: string, stopped: boolean, failed: boolean): ApplyResult['commands'] {
  const git = `git -C ${shellWord(top)}`;
  // Continuing by hand keeps what lorescope disarmed disarmed: hooks and the drivers.
  const keep = settings.filter((s) => s === NO_HOOKS || /^(filter|merge)\./.test(s)).map((s) => `-c ${shellWord(s)}`).join(' ');
  const am = `${git}${keep ? ` ${keep}` : ''} am`;
  const back = `${git} checkout ${shellWord(prev.branch ?? prev.commit)}`;
  const drop = `${git} branch -D ${shellWord(branch)}`;
  if (!failed) return { back };
  if (!stopped) return { back: `${back} && ${drop}` };
  return {
    continue: `${am} --continue`,
    skip: `${am} --skip`,
    abort: `${git} am --abort`,
    back: `${git} am --abort && ${back} && ${drop}`,
  };
}

async function nextPatch(git: TreeGit, top: string): Promise<number | null> {
  const r = await git.run(['rev-parse', '--path-format=absolute', '--git-path', 'rebase-apply']);
  if (!r.ok) return null;
  const dir = resolve(top, r.stdout.trim());
  try {
    return Number(readFileSync(join(dir, 'next'), 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

export async function applySeries(req: ApplyRequest): Promise<ApplyResult> {
  const entries = splitAmMbox(req.mbox);
  if (!entries.length) throw new ApplyRefused('the series has no patches to apply');
  const warnings: string[] = [];
  for (const f of gitControlFiles(req.mbox)) warnings.push(`the series changes ${sanitizeLine(f)}: your own git commands on this branch will honour it`);
  let git = new TreeGit(resolve(req.tree), baseSettings(!!req.runHooks));
  const top = await workTree(git);
  git = new TreeGit(top, git.settings as string[]);
  await nothingInProgress(git, top);
  await cleanTree(git, top);
  await nothingInTheWay(git, top, createdFiles(entries));
  await committerKnown(git, top);
  if (req.runHooks) await hooksOutsideTree(git, top);
  const prev = await position(git, top);
  const base = await chooseBase(git, prev, req.base, req.series.baseCommit, warnings);
  const drivers = await neutraliseDrivers(git);
  git = git.withConfig(drivers.settings);
  let branch: string;
  try {
    branch = await chooseBranch(git, req.branch, req.series.title, req.series.version);
  } catch (e) {
    throw new ApplyRefused((e as Error).message);
  }

  const checkout = await git.run(['checkout', '--quiet', '--no-track', '-b', branch, base.commit]);
  if (!checkout.ok) throw new ApplyRefused(`${top}: could not create branch ${branch} at ${base.commit.slice(0, 12)}: ${firstLine(checkout.stderr)}`);

  const dir = mkdtempSync(join(tmpdir(), 'lorescope-apply-'));
  let am;
  try {
    const file = join(dir, 'series.mbox');
    writeFileSync(file, req.mbox);
    am = await git.run(['am', req.threeWay ? '--3way' : '--no-3way', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const count = await git.run(['rev-list', '--count', `${base.commit}..HEAD`]);
  const applied = count.ok ? Number(count.stdout.trim()) : 0;
  const next = am.ok ? null : await nextPatch(git, top);
  const stopped = next !== null;
  let failed: ApplyFailure | null = null;
  if (!am.ok) {
    const at = next ?? applied + 1;
    const entry = entries[at - 1];
    const report = parseAmFailure(am.stdout, am.stderr);
    for (const f of report.files) if (f.line !== null && entry) f.hunk = hunkAt(entry.text, f.file, f.line);
    if (!report.messages.length) report.messages.push(sanitizeLine(firstLine(am.stderr || am.stdout)));
    failed = { position: at, msgid: entry?.msgid ?? null, subject: sanitizeLine(entry?.subject ?? ''), files: report.files, messages: report.messages };
  }
  const patches = entries.map((e): AppliedPatch => ({
    position: e.position,
    msgid: e.msgid,
    subject: sanitizeLine(e.subject),
    status: e.position <= applied ? 'applied' : failed && e.position === failed.position ? 'failed' : 'not applied',
  }));
  return {
    tree: top,
    branch,
    previous: prev,
    base,
    patches,
    applied,
    failed,
    inProgress: stopped,
    threeWay: !!req.threeWay,
    hooks: !!req.runHooks,
    disarmed: drivers.drivers,
    commands: commandsFor(top, git.settings, prev, branch, stopped, failed !== null),
    warnings,
  };
}

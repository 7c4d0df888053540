// With a kernel tree (`--tree DIR`): both versions applied as commits and compared by
// `git range-diff`, through simple-git. The user's repository is never written to: the commits are
// made in a `--shared --no-checkout` clone in a temporary directory, with `git apply --cached` into
// its index, so no working tree is checked out either (fast on a full kernel tree).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { Mail } from '../model/mail.js';
import type { ReviewSeries } from '../model/review.js';
import { MESSAGE_PATH, type ChangeKind, type InterdiffFile, type PatchChange, type PatchSide, type VersionChanges, versionSide } from './interdiff.js';
import type { DiffOp } from './line-diff.js';

export class RangeDiffError extends Error {}

const HEADER = /^(\d+|-):\s+([0-9a-f]+|-+) ([=!<>]) (\d+|-):\s+([0-9a-f]+|-+) (.*)$/;
const KIND: Record<string, ChangeKind> = { '=': 'unchanged', '!': 'changed', '<': 'dropped', '>': 'new' };

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).trim().split('\n')[0];
}

async function resolveBase(git: SimpleGit, wanted: string | null): Promise<string> {
  for (const rev of [wanted, 'HEAD']) {
    if (!rev || !/^[0-9a-zA-Z_./-]+$/.test(rev) || rev.startsWith('-')) continue;
    try {
      return (await git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
    } catch {
      /* not in this tree: try the next */
    }
  }
  throw new RangeDiffError('the tree has no base commit for this series (no base-commit in it, no HEAD)');
}

/** Commit each patch of a series on top of its base; returns the base and tip commits. */
async function commitSeries(dir: string, s: ReviewSeries, mails: Map<string, Mail>): Promise<{ base: string; tip: string; order: number[] }> {
  const git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 1 });
  const base = await resolveBase(git, s.baseCommit);
  await git.raw(['read-tree', base]);
  let parent = base;
  const order: number[] = [];
  for (const p of s.patches) {
    const mail = mails.get(p.msgid);
    if (!mail?.patch) continue;
    const file = join(dir, '..', `p${s.version}-${p.index}.patch`);
    writeFileSync(file, mail.patch);
    try {
      await git.raw(['apply', '--cached', '--whitespace=nowarn', file]);
    } catch (e) {
      throw new RangeDiffError(`v${s.version} patch ${p.index} does not apply to ${base.slice(0, 12)}: ${firstLine(e)}`);
    }
    const tree = (await git.raw(['write-tree'])).trim();
    const who = simpleGit({ baseDir: dir, config: [`user.name=${p.from.name || p.from.email}`, `user.email=${p.from.email || 'unknown@invalid'}`] });
    const msgFile = join(dir, '..', `m${s.version}-${p.index}.txt`);
    writeFileSync(msgFile, `${p.title}\n\n${p.message.replace(/\r/g, '')}`);
    parent = (await who.raw(['commit-tree', tree, '-p', parent, '-F', msgFile])).trim();
    order.push(p.index);
  }
  return { base, tip: parent, order };
}

/** `git range-diff --no-color` output → per-patch changes. `order[k]` is the patch index of commit k+1. */
export function parseRangeDiff(out: string, older: ReviewSeries, newer: ReviewSeries, oldOrder: number[], newOrder: number[]): PatchChange[] {
  const sideOf = (s: ReviewSeries, order: number[], pos: string): PatchSide | null => {
    if (pos === '-') return null;
    const p = s.patches.find((x) => x.index === order[Number(pos) - 1]);
    return p ? { index: p.index, msgid: p.msgid, title: p.title } : null;
  };
  const changes: PatchChange[] = [];
  let files: InterdiffFile[] = [];
  for (const line of out.split('\n')) {
    const m = HEADER.exec(line);
    if (m) {
      files = [];
      const kind = KIND[m[3]];
      changes.push({ kind, older: sideOf(older, oldOrder, m[1]), newer: sideOf(newer, newOrder, m[4]), matchedBy: kind === 'new' || kind === 'dropped' ? null : 'range-diff', messageChanged: false, interdiff: files });
      continue;
    }
    const cur = changes[changes.length - 1];
    if (!cur || !line.startsWith('    ')) continue;
    const body = line.slice(4);
    // range-diff's own hunk headers name where they are: "@@ Commit message", "@@ mm/x.c: func".
    if (body.startsWith('@@ ')) {
      const where = body.slice(3);
      const colon = where.indexOf(': ');
      const path = where === 'Commit message' || where.startsWith('Commit message') ? MESSAGE_PATH : colon > 0 ? where.slice(0, colon) : where.trim();
      if (path === MESSAGE_PATH) cur.messageChanged = true;
      if (files[files.length - 1]?.path !== path) files.push({ path, hunks: [] });
      files[files.length - 1].hunks.push({ oldStart: 0, newStart: 0, lines: [] });
      continue;
    }
    if (!files.length) files.push({ path: '', hunks: [{ oldStart: 0, newStart: 0, lines: [] }] });
    const op = body[0] === '-' || body[0] === '+' ? body[0] : ' ';
    const hunks = files[files.length - 1].hunks;
    hunks[hunks.length - 1].lines.push({ op, text: body.slice(1) } as DiffOp);
  }
  return changes;
}

/** Compare two versions with `git range-diff` in a throw-away clone of `tree`. */
export async function rangeDiffChanges(tree: string, older: ReviewSeries, newer: ReviewSeries, mails: Map<string, Mail>): Promise<VersionChanges> {
  const tmp = mkdtempSync(join(tmpdir(), 'lorescope-rd-'));
  try {
    const dir = join(tmp, 'repo');
    try {
      await simpleGit({ baseDir: tmp }).raw(['clone', '--quiet', '--shared', '--no-checkout', '--', tree, dir]);
    } catch (e) {
      throw new RangeDiffError(`${tree}: not a git repository (${firstLine(e)})`);
    }
    const a = await commitSeries(dir, older, mails);
    const b = await commitSeries(dir, newer, mails);
    const out = await simpleGit({ baseDir: dir }).raw(['range-diff', '--no-color', `${a.base}..${a.tip}`, `${b.base}..${b.tip}`]);
    const patches = parseRangeDiff(out, older, newer, a.order, b.order);
    const counts: Record<ChangeKind, number> = { unchanged: 0, changed: 0, new: 0, dropped: 0 };
    for (const p of patches) counts[p.kind]++;
    return {
      older: versionSide(older),
      newer: versionSide(newer),
      method: 'range-diff',
      patches,
      counts,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

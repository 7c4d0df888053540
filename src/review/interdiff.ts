// What changed between two versions of a series, from the mail alone: patches paired by patch-id,
// then subject, then the files they touch; each pair classified and given an interdiff (a diff of
// the two diffs), the way `git range-diff` shows it but without needing a tree the series applies to.
import type { FileDiff } from '../diff/types.js';
import type { ReviewPatch, ReviewSeries } from '../model/review.js';
import { diffLines, hunksOf, type TextHunk } from './line-diff.js';
import { patchId } from './patch-id.js';

export type ChangeKind = 'unchanged' | 'changed' | 'new' | 'dropped';

export interface PatchSide {
  index: number;
  msgid: string;
  title: string;
}

export interface InterdiffFile {
  /** File path, or "(commit message)". */
  path: string;
  /** Lines carry their own diff marker inside `text` ("+\tint x;"): op says old-only, new-only or both. */
  hunks: TextHunk[];
}

export interface PatchChange {
  kind: ChangeKind;
  older: PatchSide | null;
  newer: PatchSide | null;
  matchedBy: 'patch-id' | 'subject' | 'files' | 'range-diff' | null;
  /** The commit message changed (only meaningful for unchanged/changed pairs). */
  messageChanged: boolean;
  interdiff: InterdiffFile[];
}

export interface VersionChanges {
  older: { id: string; version: number; total: number };
  newer: { id: string; version: number; total: number };
  method: 'patch-id' | 'range-diff';
  patches: PatchChange[];
  counts: Record<ChangeKind, number>;
}

export const MESSAGE_PATH = '(commit message)';

function side(p: ReviewPatch): PatchSide {
  return { index: p.index, msgid: p.msgid, title: p.title };
}

function normTitle(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A file's diff as comparable lines: hunk headings without line numbers, then marked lines. */
export function diffText(f: FileDiff): string[] {
  const out: string[] = [];
  for (const h of f.hunks) {
    out.push(`@@ ${h.heading}`.trimEnd());
    for (const l of h.lines) out.push(`${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text}`.trimEnd());
  }
  if (f.binary) out.push(`Binary ${f.oldBlob ?? ''}..${f.newBlob ?? ''}`);
  return out;
}

function messageLines(p: ReviewPatch): string[] {
  return p.message.replace(/\r/g, '').replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
}

/** The diff of two patches' diffs, file by file, plus the commit message when it changed. */
export function interdiff(older: ReviewPatch, newer: ReviewPatch): InterdiffFile[] {
  const out: InterdiffFile[] = [];
  const msg = hunksOf(diffLines(messageLines(older), messageLines(newer)));
  if (msg.length) out.push({ path: MESSAGE_PATH, hunks: msg });
  const paths: string[] = [];
  for (const f of [...newer.files, ...older.files]) if (!paths.includes(f.path)) paths.push(f.path);
  for (const path of paths) {
    const a = older.files.find((f) => f.path === path);
    const b = newer.files.find((f) => f.path === path);
    const hunks = hunksOf(diffLines(a ? diffText(a) : [], b ? diffText(b) : []));
    if (hunks.length) out.push({ path, hunks });
  }
  return out;
}

function fileSimilarity(a: ReviewPatch, b: ReviewPatch): number {
  const fa = new Set(a.files.map((f) => f.path));
  const fb = new Set(b.files.map((f) => f.path));
  if (!fa.size || !fb.size) return 0;
  let both = 0;
  for (const f of fa) if (fb.has(f)) both++;
  return both / (fa.size + fb.size - both);
}

function count(patches: PatchChange[]): Record<ChangeKind, number> {
  const c: Record<ChangeKind, number> = { unchanged: 0, changed: 0, new: 0, dropped: 0 };
  for (const p of patches) c[p.kind]++;
  return c;
}

/** Pair the patches of two versions and classify each pair. */
export function compareVersions(older: ReviewSeries, newer: ReviewSeries): VersionChanges {
  const ids = new Map<ReviewPatch, string>();
  for (const p of [...older.patches, ...newer.patches]) ids.set(p, patchId(p.files));
  const pairs = new Map<ReviewPatch, { old: ReviewPatch; by: PatchChange['matchedBy'] }>();
  const taken = new Set<ReviewPatch>();
  const pass = (by: PatchChange['matchedBy'], same: (o: ReviewPatch, n: ReviewPatch) => boolean) => {
    for (const n of newer.patches) {
      if (pairs.has(n)) continue;
      const o = older.patches.find((x) => !taken.has(x) && same(x, n));
      if (o) {
        pairs.set(n, { old: o, by });
        taken.add(o);
      }
    }
  };
  // A patch with no diff (patch-id of nothing) must not pair with every other empty one.
  pass('patch-id', (o, n) => o.files.length > 0 && ids.get(o) === ids.get(n));
  pass('subject', (o, n) => normTitle(o.title) === normTitle(n.title));
  pass('files', (o, n) => fileSimilarity(o, n) >= 0.5);
  const patches: PatchChange[] = [];
  for (const n of newer.patches) {
    const pair = pairs.get(n);
    if (!pair) {
      patches.push({ kind: 'new', older: null, newer: side(n), matchedBy: null, messageChanged: false, interdiff: [] });
      continue;
    }
    const o = pair.old;
    const sameDiff = o.files.length > 0 && ids.get(o) === ids.get(n);
    const delta = interdiff(o, n);
    patches.push({
      kind: sameDiff ? 'unchanged' : 'changed',
      older: side(o),
      newer: side(n),
      matchedBy: pair.by,
      messageChanged: delta.some((f) => f.path === MESSAGE_PATH),
      interdiff: delta,
    });
  }
  for (const o of older.patches) {
    if (!taken.has(o)) patches.push({ kind: 'dropped', older: side(o), newer: null, matchedBy: null, messageChanged: false, interdiff: [] });
  }
  return {
    older: { id: older.id, version: older.version, total: older.total },
    newer: { id: newer.id, version: newer.version, total: newer.total },
    method: 'patch-id',
    patches,
    counts: count(patches),
  };
}

// What changed between two versions of a series, from the mail alone: patches paired by patch-id,
// then subject, then the files they touch; each pair classified and given an interdiff (a diff of
// the two diffs), the way `git range-diff` shows it but without needing a tree the series applies to.
import type { FileDiff } from '../diff/types.js';
import type { ReviewPatch, ReviewSeries } from '../model/review.js';
import { diffLines, hunksOf, type TextHunk } from './line-diff.js';
import { patchId } from './patch-id.js';
import { pairPatches, type ChangeKind } from './patch-pairing.js';

export type { ChangeKind };

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

export interface VersionSide {
  id: string;
  version: number;
  total: number;
  /** The series title of that version: versions of one work may carry different titles. */
  title: string;
  rfc: boolean;
}

/** The version as the comparison names it. */
export function versionSide(s: ReviewSeries): VersionSide {
  return { id: s.id, version: s.version, total: s.total, title: s.title, rfc: s.rfc };
}

export interface VersionChanges {
  older: VersionSide;
  newer: VersionSide;
  method: 'patch-id' | 'range-diff';
  patches: PatchChange[];
  counts: Record<ChangeKind, number>;
}

export const MESSAGE_PATH = '(commit message)';

function side(p: ReviewPatch): PatchSide {
  return { index: p.index, msgid: p.msgid, title: p.title };
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

function count(patches: PatchChange[]): Record<ChangeKind, number> {
  const c: Record<ChangeKind, number> = { unchanged: 0, changed: 0, new: 0, dropped: 0 };
  for (const p of patches) c[p.kind]++;
  return c;
}

/** Pair the patches of two versions (see patch-pairing.ts) and classify each pair. */
export function compareVersions(older: ReviewSeries, newer: ReviewSeries): VersionChanges {
  const key = (p: ReviewPatch) => ({ index: p.index, title: p.title, files: p.files.map((f) => f.path), patchId: patchId(p.files), patch: p });
  const patches: PatchChange[] = pairPatches(older.patches.map(key), newer.patches.map(key)).map((pair) => {
    const o = pair.older?.patch;
    const n = pair.newer?.patch;
    if (!o || !n) return { kind: pair.kind, older: o ? side(o) : null, newer: n ? side(n) : null, matchedBy: null, messageChanged: false, interdiff: [] };
    const delta = interdiff(o, n);
    return { kind: pair.kind, older: side(o), newer: side(n), matchedBy: pair.by, messageChanged: delta.some((f) => f.path === MESSAGE_PATH), interdiff: delta };
  });
  return {
    older: versionSide(older),
    newer: versionSide(newer),
    method: 'patch-id',
    patches,
    counts: count(patches),
  };
}

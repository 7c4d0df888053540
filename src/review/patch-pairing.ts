// Which patch of one version is which patch of another: the same diff (patch-id), else the same
// title, else mostly the same files. One pairing serves the lineage matcher (on small summaries,
// without diffs) and the version comparison (which then adds interdiffs).
import type { ChangeKind, PairedBy, PatchKey } from '../model/lineage.js';

export type { ChangeKind, PairedBy, PatchKey };

export interface PatchPair<T extends PatchKey = PatchKey> {
  kind: ChangeKind;
  /** The patch in the older version, null for a new patch. */
  older: T | null;
  /** The patch in the newer version, null for a dropped patch. */
  newer: T | null;
  by: PairedBy | null;
}

/** Share of touched files two patches have in common (Jaccard) at which they count as one patch. */
export const SAME_FILES = 0.5;

export function normTitle(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

// Lineage compares each patch with many candidates: normalise each title once.
const titles = new WeakMap<PatchKey, string>();
function titleOf(p: PatchKey): string {
  let t = titles.get(p);
  if (t === undefined) {
    t = normTitle(p.title);
    titles.set(p, t);
  }
  return t;
}

export function fileJaccard(a: Iterable<string>, b: Iterable<string>): number {
  const fa = a instanceof Set ? (a as Set<string>) : new Set(a);
  const fb = b instanceof Set ? (b as Set<string>) : new Set(b);
  if (!fa.size || !fb.size) return 0;
  let both = 0;
  for (const f of fa) if (fb.has(f)) both++;
  return both / (fa.size + fb.size - both);
}

/**
 * Pair the patches of two versions, in three passes so a strong match is never taken by a weaker
 * one: patch-id, then title, then files (unless `byFiles` is false). Result: the newer patches in
 * order, then the dropped ones.
 */
export function pairPatches<T extends PatchKey>(older: T[], newer: T[], opts: { byFiles?: boolean } = {}): PatchPair<T>[] {
  const pairs = new Map<T, { old: T; by: PairedBy }>();
  const taken = new Set<T>();
  const pass = (by: PairedBy, same: (o: T, n: T) => boolean) => {
    for (const n of newer) {
      if (pairs.has(n)) continue;
      const o = older.find((x) => !taken.has(x) && same(x, n));
      if (o) {
        pairs.set(n, { old: o, by });
        taken.add(o);
      }
    }
  };
  // A patch with no diff (patch-id of nothing) must not pair with every other empty one.
  pass('patch-id', (o, n) => o.files.length > 0 && o.patchId !== null && o.patchId === n.patchId);
  pass('subject', (o, n) => titleOf(o) === titleOf(n));
  if (opts.byFiles !== false && pairs.size < newer.length && taken.size < older.length) pass('files', (o, n) => fileJaccard(o.files, n.files) >= SAME_FILES);
  const out: PatchPair<T>[] = newer.map((n): PatchPair<T> => {
    const p = pairs.get(n);
    if (!p) return { kind: 'new', older: null, newer: n, by: null };
    const same = p.old.files.length > 0 && p.old.patchId !== null && p.old.patchId === n.patchId;
    return { kind: same ? 'unchanged' : 'changed', older: p.old, newer: n, by: p.by };
  });
  for (const o of older) if (!taken.has(o)) out.push({ kind: 'dropped', older: o, newer: null, by: null });
  return out;
}

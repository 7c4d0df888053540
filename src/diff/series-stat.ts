// The diffstat of a whole series as `git format-patch --cover-letter` writes it: the net change from
// the base to the last patch (`git diff base..tip --stat`), composed from the patches alone. A file
// touched by five patches counts once, lines added by one patch and removed by a later one cancel,
// renames are followed, and a file the series creates and deletes again is not listed.
import { diffstat, type StatOptions } from './diffstat.js';
import { ComposedFile } from './compose.js';
import { newFileDiff } from './open-file.js';
import type { DiffStat, FileDiff, PatchDiff } from './types.js';

/** One file's history through the series, keyed by its path as of the last patch seen. */
interface Track {
  /** Path in the base tree (a copy's source); null for a file the series creates. */
  basePath: string | null;
  path: string;
  created: boolean;
  deleted: boolean;
  copied: boolean;
  binary: boolean;
  nonGit: boolean;
  oldMode?: string;
  newMode?: string;
  content: ComposedFile;
  /** Lines of hunks that did not fit the composed file, counted as the patches count them. */
  extraAdd: number;
  extraDel: number;
}

export interface SeriesStat extends DiffStat {
  /** Files whose hunks did not compose (a patch missing from the series, a hand-edited hunk). */
  inexact: string[];
}

function startTrack(f: FileDiff, from: Track | undefined): Track {
  const copied = f.status === 'copied';
  return {
    // A copy is named after its source, as `git diff -C` names it, and counted against it.
    basePath: f.status === 'added' ? null : (f.oldPath ?? f.path),
    path: f.path,
    created: f.status === 'added' || copied,
    deleted: false,
    copied,
    binary: false,
    nonGit: f.nonGit,
    oldMode: f.status === 'added' ? undefined : f.oldMode,
    newMode: f.newMode ?? f.oldMode,
    content: copied ? (from ? from.content.clone() : new ComposedFile(true)) : new ComposedFile(f.status !== 'added'),
    extraAdd: 0,
    extraDel: 0,
  };
}

function result(t: Track): FileDiff | null {
  if (t.created && t.deleted) return null;
  const { additions, deletions } = t.content.net();
  const file = newFileDiff(t.basePath, t.deleted ? null : t.path);
  file.status = t.created ? (t.copied ? 'copied' : 'added') : t.deleted ? 'deleted' : t.basePath !== t.path ? 'renamed' : 'modified';
  if (file.status === 'added') file.oldPath = null;
  file.path = file.status === 'deleted' ? (t.basePath ?? t.path) : t.path;
  file.additions = additions + t.extraAdd;
  file.deletions = deletions + t.extraDel;
  file.oldMode = t.oldMode;
  file.newMode = t.deleted ? undefined : t.newMode;
  file.binary = t.binary;
  file.nonGit = t.nonGit;
  const modeChanged = file.status === 'modified' && t.oldMode !== undefined && t.newMode !== undefined && t.oldMode !== t.newMode;
  if (file.status === 'modified' && !file.binary && !modeChanged && file.additions === 0 && file.deletions === 0) return null;
  return file;
}

/** The series' net diffstat, laid out like format-patch's (72 columns unless `width` says otherwise). */
export function seriesDiffstat(patches: PatchDiff[], options: StatOptions = {}): SeriesStat {
  const byPath = new Map<string, Track>();
  const order: Track[] = [];
  const inexact = new Set<string>();
  for (const patch of patches) {
    for (const f of patch.files) {
      if (f.combined) continue;
      const from = f.status === 'renamed' || f.status === 'copied' ? (f.oldPath ?? f.path) : f.path;
      let t = f.status === 'copied' ? undefined : byPath.get(from);
      if (!t) {
        t = startTrack(f, f.status === 'copied' ? byPath.get(from) : undefined);
        order.push(t);
      } else if (f.status === 'added' && t.deleted) {
        t.deleted = false;
        t.newMode = f.newMode ?? t.newMode;
      }
      if (f.status === 'renamed') {
        byPath.delete(from);
        t.path = f.newPath ?? f.path;
      }
      if (f.binary) t.binary = true;
      else {
        const left = t.content.apply(f.hunks);
        if (left.additions || left.deletions) {
          inexact.add(t.path);
          t.extraAdd += left.additions;
          t.extraDel += left.deletions;
        }
      }
      if (f.status === 'deleted') {
        t.deleted = true;
        t.content.deleteRest();
      } else if (f.newMode) t.newMode = f.newMode;
      t.oldMode ??= t.created ? undefined : f.oldMode;
      byPath.set(t.path, t);
    }
  }
  const files = order.map(result).filter((f): f is FileDiff => f !== null);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...diffstat(files, options), inexact: [...inexact].sort() };
}

// A diffstat over a whole series. Exact numbers need the trees (the series' net diff), which
// patches alone do not give: this sums the patches' counts per file, following renames, and drops
// files the series both creates and deletes. A line changed in two patches counts twice.
import { diffstat, type StatOptions } from './diffstat.js';
import { newFileDiff } from './open-file.js';
import type { DiffStat, FileDiff, PatchDiff } from './types.js';

export function seriesDiffstat(patches: PatchDiff[], options: StatOptions = {}): DiffStat {
  /** Keyed by the file's path as of the last patch seen. */
  const byPath = new Map<string, FileDiff>();
  for (const patch of patches) {
    for (const f of patch.files) {
      if (f.combined) continue;
      const fromPath = f.oldPath ?? f.path;
      let acc = byPath.get(f.status === 'renamed' ? fromPath : f.path);
      if (!acc) {
        acc = newFileDiff(f.oldPath, f.newPath);
        acc.status = f.status;
        acc.oldMode = f.oldMode;
        acc.similarity = f.similarity;
        acc.nonGit = f.nonGit;
        if (f.status === 'renamed') byPath.delete(fromPath);
      } else if (f.status === 'renamed') {
        byPath.delete(fromPath);
        acc.newPath = f.newPath;
        if (acc.status !== 'added') acc.status = 'renamed';
        acc.similarity = undefined;
      } else if (f.status === 'added' && acc.status === 'deleted') {
        acc.status = 'modified';
        acc.newPath = f.newPath;
      } else if (f.status === 'deleted') {
        if (acc.status === 'added') {
          byPath.delete(f.path);
          continue;
        }
        acc.status = 'deleted';
        acc.newPath = null;
      }
      acc.newMode = f.newMode ?? acc.newMode;
      acc.additions += f.additions;
      acc.deletions += f.deletions;
      if (f.binary) {
        acc.binary = true;
        acc.binarySize = undefined;
      }
      acc.path = acc.newPath ?? acc.oldPath ?? f.path;
      byPath.set(acc.path, acc);
    }
  }
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return diffstat(files, options);
}

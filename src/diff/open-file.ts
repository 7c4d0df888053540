// The file a parser is currently reading, with what it needs beyond the public FileDiff.
import type { FileDiff } from './types.js';

export type FileKind = 'git' | 'combined' | 'nongit';

export interface OpenFile {
  file: FileDiff;
  kind: FileKind;
  /** The `diff --git` names carried a/ b/-style prefixes, so `---`/`+++` names do too. */
  prefixed: boolean;
  /** Parent count for combined diffs (learnt from the first `@@@` header), 1 otherwise. */
  parents: number;
  /** For non-git diffs: names as written on the `---`/`+++` lines, resolved once all files are read. */
  rawOld?: string;
  rawNew?: string;
}

export function newFileDiff(oldPath: string | null, newPath: string | null): FileDiff {
  return {
    oldPath,
    newPath,
    path: newPath ?? oldPath ?? '',
    status: 'modified',
    binary: false,
    combined: false,
    nonGit: false,
    additions: 0,
    deletions: 0,
    hunks: [],
  };
}

/** Keeps `path` in step with the old/new paths after a header line changed them. */
export function refreshPath(file: FileDiff): void {
  file.path = (file.status === 'deleted' ? file.oldPath : file.newPath) ?? file.oldPath ?? '';
}

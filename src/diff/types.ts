// The shape of one patch's diff as the rest of lorescope sees it.

export type LineKind = 'add' | 'del' | 'context';

export interface DiffLine {
  kind: LineKind;
  /** Text without the leading +/-/space marker and without the line ending. */
  text: string;
  /** Line number on the old side (del/context), null for added lines. */
  oldLine: number | null;
  /** Line number on the new side (add/context), null for removed lines. */
  newLine: number | null;
  /** True when followed by "\ No newline at end of file". */
  noNewline?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The function/section heading git prints after the second @@, or "". */
  heading: string;
  /** The raw `@@ ... @@ ...` line. */
  header: string;
  lines: DiffLine[];
}

export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface FileDiff {
  /** Path on the old side (without a/), null for a new file. */
  oldPath: string | null;
  /** Path on the new side (without b/), null for a deleted file. */
  newPath: string | null;
  /** The path to report: new path, or old path for deletions. */
  path: string;
  status: FileStatus;
  similarity?: number;
  /** From `dissimilarity index N%` (git diff -B rewrites). */
  dissimilarity?: number;
  /** Abbreviated blob ids from the `index old..new` line, when present. */
  oldBlob?: string;
  newBlob?: string;
  oldMode?: string;
  newMode?: string;
  binary: boolean;
  /** For binary files: true when a `GIT binary patch` carries the data, false for `Binary files … differ`. */
  binaryPatch?: boolean;
  /** For binary files: sizes in bytes when the binary patch tells them. */
  binarySize?: { old: number | null; new: number | null };
  /** True for `diff --cc`/`diff --combined` (merge) diffs, which are reported rather than analysed. */
  combined: boolean;
  /** True for diffs without `diff --git` (plain `--- a/x`/`+++ b/x`, CVS-style). */
  nonGit: boolean;
  additions: number;
  deletions: number;
  hunks: Hunk[];
}

export interface DiffStat {
  files: number;
  additions: number;
  deletions: number;
  /** Per-file lines like git's `--stat` ("path | N ++--"). */
  lines: string[];
  /** Like git's `--summary`: " create mode 100644 x", " rename a/{x => y} (90%)", " mode change …". */
  summary?: string[];
}

export interface PatchDiff {
  files: FileDiff[];
  stat: DiffStat;
  /** Things the parser noticed and could not analyse (combined diffs, malformed hunks). */
  warnings: string[];
}

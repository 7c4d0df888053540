// Patch text → files and hunks. One pass over the lines, bounded by hunk line counts; git's extended
// headers, binary patches, combined diffs and non-git (GNU diff, quilt, CVS) diffs are recognised.
//
// parse-diff (the library the design names) is not used here: it splits on "\n" only, has no idea
// of renames vs copies, similarity, binary patches, C-quoted names or combined hunks, and its file
// name regex is quadratic (one 80 KB `diff --git` line: 5 s here). The tests compare this parser with parse-diff and with
// `git apply --numstat` on real patches instead.
import { BinaryReader } from './binary-reader.js';
import { diffstat } from './diffstat.js';
import {
  applyGitSideName,
  openCombinedFile,
  openGitFile,
  readBinaryFilesLine,
  readGitHeaderLine,
} from './git-header.js';
import { parseHunkHeader } from './hunk-header.js';
import { HunkReader } from './hunk-reader.js';
import { resolveNonGitPaths } from './nongit-paths.js';
import { newFileDiff, type OpenFile } from './open-file.js';
import { readTraditionalName } from './paths.js';
import type { FileDiff, PatchDiff } from './types.js';

export { diffstat, formatDiffstat, statTotalLine, MAIL_STAT_WIDTH, type StatOptions } from './diffstat.js';
export { seriesDiffstat } from './series-stat.js';

type Mode = 'idle' | 'header' | 'hunk' | 'afterHunk' | 'binary';

const MAX_WARNINGS = 50;

class PatchParser {
  private readonly files: FileDiff[] = [];
  private readonly opens: OpenFile[] = [];
  private readonly warnings: string[] = [];
  private droppedWarnings = 0;
  private cur: OpenFile | null = null;
  private mode: Mode = 'idle';
  private readonly hunks = new HunkReader();
  private readonly binary = new BinaryReader();

  constructor(private readonly lines: string[]) {}

  run(): PatchDiff {
    // The empty string after a final newline is not a line (it would pass for empty context).
    const n = this.lines[this.lines.length - 1] === '' ? this.lines.length - 1 : this.lines.length;
    for (let i = 0; i < n; i++) i += this.step(this.at(i), i);
    this.endOfText();
    resolveNonGitPaths(this.opens);
    if (this.droppedWarnings > 0) this.warnings.push(`… and ${this.droppedWarnings} more warning(s)`);
    return { files: this.files, stat: diffstat(this.files), warnings: this.warnings };
  }

  /** Line i without its line ending ("\r\n" mail included). */
  private at(i: number): string {
    const line = this.lines[i];
    if (line === undefined) return '';
    return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
  }

  /** Handles line i; returns how many following lines it consumed as well. */
  private step(line: string, i: number): number {
    if (this.mode === 'hunk') {
      const r = this.hunks.feed(line);
      if (r === 'more') return 0;
      if (r === 'done') {
        this.mode = 'afterHunk';
        return 0;
      }
      this.warn(`${this.curPath()}: hunk ends early at line ${i + 1} (${this.hunks.describeMissing()})`);
      this.mode = 'afterHunk';
    }
    if (this.mode === 'binary') {
      const r = this.binary.feed(line);
      if (r === 'more') return 0;
      if (r === 'done') {
        this.close();
        return 0;
      }
      if (this.binary.blocksRead === 0) {
        this.warn(`${this.curPath()}: GIT binary patch without data at line ${i + 1}`);
      }
      this.close();
    }
    if (this.mode === 'afterHunk') {
      if (line.charCodeAt(0) === 92) {
        this.hunks.markNoNewline();
        return 0;
      }
      if (line.startsWith('@@')) {
        if (this.startHunk(line, i)) return 0;
      }
      this.close();
    }
    if (this.mode === 'header') {
      const used = this.headerLine(line, i);
      if (used >= 0) return used;
      this.close();
    }
    return this.idleLine(line, i);
  }

  /** A line inside a file's header; -1 when it is not one (the file ends before it). */
  private headerLine(line: string, i: number): number {
    const open = this.cur!;
    if (line.startsWith('@@')) return this.startHunk(line, i) ? 0 : -1;
    if (open.kind === 'nongit') return -1;
    if (line.startsWith('--- ') && this.at(i + 1).startsWith('+++ ')) {
      const oldName = readTraditionalName(line.slice(4));
      const newName = readTraditionalName(this.at(i + 1).slice(4));
      if (oldName !== null) applyGitSideName(open, 'old', oldName);
      if (newName !== null) applyGitSideName(open, 'new', newName);
      return 1;
    }
    if (line === 'GIT binary patch') {
      this.binary.start(open.file);
      this.mode = 'binary';
      return 0;
    }
    if (readBinaryFilesLine(open, line)) {
      this.close();
      return 0;
    }
    return readGitHeaderLine(open, line) ? 0 : -1;
  }

  private idleLine(line: string, i: number): number {
    const c = line.charCodeAt(0);
    if (c === 100 /* d */) {
      if (line.startsWith('diff --git ')) {
        this.open(openGitFile(line.slice(11)));
      } else if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
        const open = openCombinedFile(line.slice(line.indexOf(' ', 5) + 1));
        this.open(open);
        this.warn(`${open.file.path}: combined diff (merge) at line ${i + 1}: lines are shown against the first parent only`);
      }
      return 0;
    }
    if (c === 45 /* - */ && line.startsWith('--- ') && this.at(i + 1).startsWith('+++ ')) {
      // Any `@@` start opens the file, so that a broken hunk header is reported, not skipped.
      if (!this.at(i + 2).startsWith('@@')) return 0;
      const rawOld = readTraditionalName(line.slice(4));
      const rawNew = readTraditionalName(this.at(i + 1).slice(4));
      if (rawOld === null || rawNew === null) return 0;
      const open: OpenFile = {
        file: newFileDiff(rawOld, rawNew),
        kind: 'nongit',
        prefixed: false,
        parents: 1,
        rawOld,
        rawNew,
      };
      open.file.nonGit = true;
      this.open(open);
      return 1;
    }
    if (c === 64 /* @ */ && parseHunkHeader(line)) {
      this.warn(`hunk header outside any file at line ${i + 1} ignored`);
    }
    return 0;
  }

  private startHunk(line: string, i: number): boolean {
    const open = this.cur!;
    const header = parseHunkHeader(line);
    const parents = header?.old.length ?? 0;
    let ok = header !== null;
    if (ok && open.kind === 'combined') {
      if (open.parents === 0) open.parents = parents;
      ok = parents >= 2 && parents === open.parents;
    } else if (ok) {
      ok = parents === 1;
    }
    if (!ok || !header) {
      this.warn(`${this.curPath()}: malformed hunk header at line ${i + 1}: ${line.slice(0, 80)}`);
      return false;
    }
    this.hunks.start(open.file, header, line);
    this.mode = this.hunks.isComplete() ? 'afterHunk' : 'hunk';
    return true;
  }

  private open(open: OpenFile): void {
    this.cur = open;
    this.mode = 'header';
    this.files.push(open.file);
    this.opens.push(open);
  }

  private close(): void {
    this.cur = null;
    this.mode = 'idle';
  }

  private endOfText(): void {
    if (this.mode === 'hunk') {
      this.warn(`${this.curPath()}: hunk cut short by the end of the text (${this.hunks.describeMissing()})`);
    } else if (this.mode === 'binary') {
      this.binary.end();
    }
    this.close();
  }

  private curPath(): string {
    return this.cur?.file.path || '(unnamed file)';
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else this.droppedWarnings++;
  }
}

/** Parses a patch mail body (or any text holding a diff) into files, hunks and a diffstat. */
export function parsePatch(text: string): PatchDiff {
  return new PatchParser(text.split('\n')).run();
}

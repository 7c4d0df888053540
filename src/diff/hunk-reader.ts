// Reads the body of one hunk. A hunk is bounded by the line counts in its header, so text after
// it (the `-- ` signature, a version line, a MIME boundary) is never taken for diff lines.
import type { HunkHeader } from './hunk-header.js';
import type { DiffLine, FileDiff, Hunk, LineKind } from './types.js';

export type FeedResult = 'more' | 'done' | 'broken';

export class HunkReader {
  private file!: FileDiff;
  private hunk!: Hunk;
  private parents = 1;
  /** Lines still expected per parent (index 0 for ordinary diffs) and on the new side. */
  private parentLeft: number[] = [];
  private newLeft = 0;
  private oldNo = 0;
  private newNo = 0;

  start(file: FileDiff, header: HunkHeader, rawHeader: string): Hunk {
    const first = header.old[0];
    this.file = file;
    this.parents = header.old.length;
    this.parentLeft = header.old.map((r) => r.lines);
    this.newLeft = header.new.lines;
    this.oldNo = first.start;
    this.newNo = header.new.start;
    this.hunk = {
      oldStart: first.start,
      oldLines: first.lines,
      newStart: header.new.start,
      newLines: header.new.lines,
      heading: header.heading,
      header: rawHeader,
      lines: [],
    };
    file.hunks.push(this.hunk);
    return this.hunk;
  }

  isComplete(): boolean {
    if (this.newLeft !== 0) return false;
    for (const n of this.parentLeft) if (n !== 0) return false;
    return true;
  }

  /** "3 old, 1 new" lines that the header promised and the text did not have. */
  describeMissing(): string {
    const old = this.parentLeft.join('/');
    return `${old} old, ${this.newLeft} new line(s) missing`;
  }

  /** `\ No newline at end of file` (localised by some gits: only the backslash is relied on). */
  markNoNewline(): void {
    const last = this.hunk.lines[this.hunk.lines.length - 1];
    if (last) last.noNewline = true;
  }

  feed(line: string): FeedResult {
    if (line.charCodeAt(0) === 92) {
      this.markNoNewline();
      return 'more';
    }
    if (this.parents > 1) return this.feedCombined(line);
    // An empty line is an empty context line whose leading space a mailer stripped (git accepts it).
    const c = line.length === 0 ? 32 : line.charCodeAt(0);
    const text = line.length === 0 ? '' : line.slice(1);
    if (c === 32) {
      if (this.parentLeft[0] === 0 || this.newLeft === 0) return 'broken';
      this.parentLeft[0]--;
      this.newLeft--;
      this.push('context', text, this.oldNo++, this.newNo++);
    } else if (c === 45) {
      if (this.parentLeft[0] === 0) return 'broken';
      this.parentLeft[0]--;
      this.push('del', text, this.oldNo++, null);
    } else if (c === 43) {
      if (this.newLeft === 0) return 'broken';
      this.newLeft--;
      this.push('add', text, null, this.newNo++);
    } else {
      return 'broken';
    }
    return this.isComplete() ? 'done' : 'more';
  }

  /**
   * Combined diffs have one marker column per parent: `-` in column k means "in parent k, not in
   * the result", `+` means "in the result, not in parent k". Lines are kept as seen from the first
   * parent, which is what a reviewer of the merge's own changes reads.
   */
  private feedCombined(line: string): FeedResult {
    const n = this.parents;
    if (line.length < n && line.length !== 0) return 'broken';
    let inResult = true;
    for (let k = 0; k < n && k < line.length; k++) {
      const ch = line[k];
      if (ch === '-') inResult = false;
      else if (ch !== ' ' && ch !== '+') return 'broken';
    }
    if (inResult && this.newLeft === 0) return 'broken';
    for (let k = 0; k < n; k++) {
      if (inParent(line[k] ?? ' ', inResult) && this.parentLeft[k] === 0) return 'broken';
    }
    for (let k = 0; k < n; k++) if (inParent(line[k] ?? ' ', inResult)) this.parentLeft[k]--;
    if (inResult) this.newLeft--;
    const inFirst = inParent(line[0] ?? ' ', inResult);
    const text = line.slice(n);
    if (inFirst && inResult) this.push('context', text, this.oldNo++, this.newNo++);
    else if (inFirst) this.push('del', text, this.oldNo++, null);
    else if (inResult) this.push('add', text, null, this.newNo++);
    return this.isComplete() ? 'done' : 'more';
  }

  private push(kind: LineKind, text: string, oldLine: number | null, newLine: number | null): void {
    const dl: DiffLine = { kind, text, oldLine, newLine };
    this.hunk.lines.push(dl);
    if (kind === 'add') this.file.additions++;
    else if (kind === 'del') this.file.deletions++;
  }
}

function inParent(mark: string, inResult: boolean): boolean {
  return mark === '-' || (mark === ' ' && inResult);
}

// One file's net change over a series, composed from the patches' hunks without the base tree, the
// way patchutils' combinediff composes diffs: each later hunk is placed through the line offsets of
// the earlier ones, a line one patch adds and a later one removes disappears, and what is left is
// counted the way `git diff base..tip` would count it.
//
// The file is kept as the sequence of its current lines, in pieces: runs of base lines no hunk has
// shown, base lines a hunk showed as context (text known), lines the series added, and base lines
// the series removed (zero width now, kept in place with their text). Where the text is known on
// both sides and more than one patch changed it, the two sides are diffed again, as git diffs the
// two trees: a line removed and added back unchanged cancels, and a line kept as context by one patch
// may be matched differently. A stretch only one patch changed keeps that patch's own alignment: git
// made it from the same text, and its diff is not always the minimal one a second diff would find.
import type { DiffLine, Hunk } from './types.js';

type Piece =
  | { k: 'base'; from: number; to: number }
  | { k: 'seen'; text: string }
  | { k: 'gone'; text: string; by: number }
  | { k: 'new'; text: string; by: number };

/** Base lines are numbered from 1; an existing file's length is unknown, so its last run is open. */
const OPEN = Number.POSITIVE_INFINITY;

/** Line identity for cancelling: "\ No newline at end of file" makes a different line, as in git. */
const keyOf = (l: DiffLine) => (l.noNewline ? `${l.text}\u0000` : l.text);

const width = (p: Piece) => (p.k === 'base' ? p.to - p.from : p.k === 'gone' ? 0 : 1);

export class ComposedFile {
  private pieces: Piece[];
  /** Which apply() call this is: pieces remember the patch that made them. */
  private patchNo = 0;

  /** `exists`: whether the file is in the base tree (false for a file the series creates). */
  constructor(exists: boolean) {
    this.pieces = exists ? [{ k: 'base', from: 1, to: OPEN }] : [];
  }

  /** A copy starts from its source's current content. */
  clone(): ComposedFile {
    const c = new ComposedFile(false);
    c.pieces = this.pieces.map((p) => ({ ...p }));
    return c;
  }

  /**
   * Apply one patch's hunks for this file, in order. A hunk that does not fit the file as composed
   * so far (it reaches past the end of a file whose length is known) stops the composition of this
   * patch: the lines of that hunk and of the ones after it come back as not composed.
   */
  apply(hunks: Hunk[]): { additions: number; deletions: number } {
    this.patchNo++;
    let delta = 0;
    for (let i = 0; i < hunks.length; i++) {
      const h = hunks[i];
      const olds = h.lines.filter((l) => l.kind !== 'add').length;
      const news = h.lines.filter((l) => l.kind !== 'del').length;
      // `-N,0` inserts after line N; otherwise N is the first line the hunk covers.
      const pos = (olds === 0 ? h.oldStart : h.oldStart - 1) + delta;
      if (pos < 0 || !this.replace(pos, olds, h.lines)) {
        const rest = hunks.slice(i).flatMap((x) => x.lines);
        return { additions: rest.filter((l) => l.kind === 'add').length, deletions: rest.filter((l) => l.kind === 'del').length };
      }
      delta += news - olds;
    }
    return { additions: 0, deletions: 0 };
  }

  /** The file was deleted: whatever base lines no hunk listed were not there either. */
  deleteRest(): void {
    this.pieces = this.pieces.filter((p) => p.k !== 'base');
  }

  /**
   * Net lines added and removed against the base. Each stretch whose text is known (between base
   * lines no hunk showed, which are the same on both sides) is diffed old side against new side.
   */
  net(): { additions: number; deletions: number } {
    let additions = 0;
    let deletions = 0;
    let olds: string[] = [];
    let news: string[] = [];
    let gone = 0;
    let added = 0;
    const by = new Set<number>();
    const flush = () => {
      if (by.size > 1) {
        const same = commonLines(olds, news);
        additions += news.length - same;
        deletions += olds.length - same;
      } else {
        additions += added;
        deletions += gone;
      }
      olds = [];
      news = [];
      gone = 0;
      added = 0;
      by.clear();
    };
    for (const p of this.pieces) {
      if (p.k === 'base') {
        if (p.to > p.from) flush();
        continue;
      }
      if (p.k !== 'new') olds.push(p.text);
      if (p.k !== 'gone') news.push(p.text);
      if (p.k === 'gone') gone++;
      if (p.k === 'new') added++;
      if (p.k !== 'seen') by.add(p.by);
    }
    flush();
    return { additions, deletions };
  }

  /** Replace the `count` current lines from position `pos` (0-based) by what the hunk makes of them. */
  private replace(pos: number, count: number, lines: DiffLine[]): boolean {
    const start = this.splitAt(pos);
    if (start < 0) return false;
    // The span: the pieces covering `count` lines, plus the zero-width ones inside it.
    const span: Piece[] = [];
    let end = start;
    let need = count;
    while (need > 0 && end < this.pieces.length) {
      const p = this.pieces[end];
      if (p.k === 'base') {
        const take = Math.min(need, p.to - p.from);
        for (let n = p.from; n < p.from + take; n++) span.push({ k: 'base', from: n, to: n + 1 });
        if (take < p.to - p.from) {
          this.pieces.splice(end + 1, 0, { k: 'base', from: p.from + take, to: p.to });
        }
        need -= take;
      } else {
        span.push(p);
        need -= width(p);
      }
      end++;
    }
    if (need > 0) return false;
    // Zero-width pieces right after the span stay after it.
    const out: Piece[] = [];
    let j = 0;
    const next = (): Piece | undefined => {
      while (j < span.length && span[j].k === 'gone') out.push(span[j++]);
      return span[j++];
    };
    for (const l of lines) {
      if (l.kind === 'add') {
        out.push({ k: 'new', text: keyOf(l), by: this.patchNo });
        continue;
      }
      const cur = next();
      if (!cur) return false;
      if (l.kind === 'context') out.push(cur.k === 'base' ? { k: 'seen', text: keyOf(l) } : cur);
      else if (cur.k === 'base' || cur.k === 'seen') out.push({ k: 'gone', text: keyOf(l), by: this.patchNo });
      // A removed line the series itself added: it cancels and leaves nothing.
    }
    for (; j < span.length; j++) {
      if (span[j].k !== 'gone') return false;
      out.push(span[j]);
    }
    this.pieces.splice(start, end - start, ...mergeRuns(out));
    return true;
  }

  /** Index of the piece that begins at current line `pos`, splitting a run if needed; -1 if beyond the end. */
  private splitAt(pos: number): number {
    let at = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      if (at === pos) return i;
      const p = this.pieces[i];
      const w = width(p);
      if (at + w > pos) {
        // Only a base run is wider than one line.
        if (p.k !== 'base') return -1;
        const cut = p.from + (pos - at);
        this.pieces.splice(i, 1, { k: 'base', from: p.from, to: cut }, { k: 'base', from: cut, to: p.to });
        return i + 1;
      }
      at += w;
    }
    return at === pos ? this.pieces.length : -1;
  }
}

function mergeRuns(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (p.k === 'base' && last?.k === 'base' && last.to === p.from) last.to = p.to;
    else out.push(p.k === 'base' ? { ...p } : p);
  }
  return out;
}

/** Work bound for one region's line matching (cells of the O(ND) walk); past it nothing is matched. */
const MATCH_BUDGET = 50_000_000;

/**
 * Lines two sequences share (their LCS length), by Myers' O(ND) walk as git's diff finds them. A
 * region so large and so different that the walk would pass MATCH_BUDGET counts as rewritten whole.
 */
export function commonLines(a: string[], b: string[]): number {
  // The ends both sides share are common as they stand (most of a stretch is context).
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  if (head + tail === a.length || head + tail === b.length) return head + tail;
  return head + tail + middleCommon(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
}

function middleCommon(a: string[], b: string[]): number {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const maxD = Math.min(max, Math.floor(MATCH_BUDGET / Math.max(1, max)));
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) return (n + m - d) / 2;
    }
  }
  return 0;
}

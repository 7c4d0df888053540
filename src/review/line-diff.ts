// A bounded Myers diff of two line lists, and unified hunks with context: enough for interdiffs of
// patch mail, where a pathological input must cost a capped amount of work, not hang the digest.

export type Op = ' ' | '-' | '+';

export interface DiffOp {
  op: Op;
  text: string;
}

export interface TextHunk {
  /** 1-based first line of the hunk in the old and new text. */
  oldStart: number;
  newStart: number;
  lines: DiffOp[];
}

/** Past this many edits the texts are shown as replaced wholesale. */
const MAX_EDITS = 2000;

/** Myers' O((N+M)D) shortest edit script, greedy forward, with the trace kept for backtracking. */
export function diffLines(a: string[], b: string[], maxEdits = MAX_EDITS): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffOp[] = a.slice(0, start).map((text) => ({ op: ' ', text }));
  const tail: DiffOp[] = a.slice(endA).map((text) => ({ op: ' ', text }));
  const mid = middle(a.slice(start, endA), b.slice(start, endB), maxEdits);
  return [...head, ...mid, ...tail];
}

function middle(a: string[], b: string[], maxEdits: number): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ op: '+', text }));
  if (m === 0) return a.map((text) => ({ op: '-', text }));
  const max = Math.min(n + m, maxEdits);
  const off = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [...a.map((text): DiffOp => ({ op: '-', text })), ...b.map((text): DiffOp => ({ op: '+', text }))];
  // Walk back through the saved frontiers.
  const out: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? k + 1 : k - 1;
    const prevX = v[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      out.push({ op: ' ', text: a[x] });
    }
    if (x === prevX) {
      y--;
      out.push({ op: '+', text: b[y] });
    } else {
      x--;
      out.push({ op: '-', text: a[x] });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    out.push({ op: ' ', text: a[x] });
  }
  return out.reverse();
}

/** Group an edit script into hunks with `context` unchanged lines around each change. */
export function hunksOf(ops: DiffOp[], context = 3): TextHunk[] {
  const hunks: TextHunk[] = [];
  let oldLine = 1;
  let newLine = 1;
  const pos: { o: number; n: number }[] = ops.map((op) => {
    const p = { o: oldLine, n: newLine };
    if (op.op !== '+') oldLine++;
    if (op.op !== '-') newLine++;
    return p;
  });
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === ' ') {
      i++;
      continue;
    }
    const begin = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end].op !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap].op === ' ' && gap - end < 2 * context) gap++;
      if (gap < ops.length && ops[gap].op !== ' ') {
        end = gap;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    hunks.push({ oldStart: pos[begin].o, newStart: pos[begin].n, lines: ops.slice(begin, end) });
    i = end;
  }
  return hunks;
}

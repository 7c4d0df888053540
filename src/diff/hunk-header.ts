// Hunk headers: `@@ -a,b +c,d @@ heading`, and `@@@ -a,b -c,d +e,f @@@ heading` for combined diffs
// (one more `@` and one more `-` range per extra parent). Scanned by hand: mail is untrusted.

export interface Range {
  start: number;
  lines: number;
}

export interface HunkHeader {
  /** One range per parent: a single one for ordinary diffs. */
  old: Range[];
  new: Range;
  heading: string;
}

const MAX_DIGITS = 10;

class Cursor {
  constructor(readonly text: string, public pos: number) {}

  eat(s: string): boolean {
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  number(): number | null {
    const start = this.pos;
    while (this.pos < this.text.length && this.pos - start <= MAX_DIGITS) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 48 || c > 57) break;
      this.pos++;
    }
    if (this.pos === start || this.pos - start > MAX_DIGITS) return null;
    return Number(this.text.slice(start, this.pos));
  }

  /** `start[,lines]`; a missing count means one line. */
  range(): Range | null {
    const start = this.number();
    if (start === null) return null;
    if (!this.eat(',')) return { start, lines: 1 };
    const lines = this.number();
    return lines === null ? null : { start, lines };
  }
}

/** Number of leading `@`s: 2 for ordinary hunks, parents + 1 for combined ones. */
export function atRun(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 64) n++;
  return n;
}

export function parseHunkHeader(line: string): HunkHeader | null {
  const ats = atRun(line);
  if (ats < 2 || ats > 32) return null;
  const cur = new Cursor(line, ats);
  const old: Range[] = [];
  for (let p = 0; p < ats - 1; p++) {
    if (!cur.eat(' -')) return null;
    const r = cur.range();
    if (!r) return null;
    old.push(r);
  }
  if (!cur.eat(' +')) return null;
  const newRange = cur.range();
  if (!newRange || !cur.eat(' ' + '@'.repeat(ats))) return null;
  const rest = line.slice(cur.pos);
  const heading = rest.startsWith(' ') ? rest.slice(1) : rest;
  return { old, new: newRange, heading };
}

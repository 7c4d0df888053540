// Symbol lists: identifiers matched as whole words, `PREFIX*` for a family such as MEMORY_DEVICE_*.
// A line's identifiers are scanned once (spans and hashes, no strings) and shared by all rules.

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122);
}

function hashOf(s: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The identifiers of a line as spans with hashes (numbers such as 0x1f are skipped). */
export interface IdentScan {
  text: string;
  starts: number[];
  ends: number[];
  hashes: number[];
}

export function scanIdentifiers(text: string, limit: number): IdentScan {
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const n = Math.min(text.length, limit);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWord(c)) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (!isWord(d)) break;
      h = (Math.imul(h, 31) + d) | 0;
      i++;
    }
    if (c >= 48 && c <= 57) continue;
    starts.push(start);
    ends.push(i);
    hashes.push(h);
  }
  return { text, starts, ends, hashes };
}

/** The identifiers of a line, in order (for callers that want strings). */
export function identifiers(text: string, limit: number): string[] {
  const s = scanIdentifiers(text, limit);
  return s.starts.map((st, i) => text.slice(st, s.ends[i]));
}

export class SymbolMatcher {
  private readonly exact = new Map<number, string[]>();
  private readonly prefixes: string[] = [];

  constructor(readonly symbols: readonly string[]) {
    for (const s of symbols) {
      if (s.endsWith('*')) {
        this.prefixes.push(s.slice(0, -1));
        continue;
      }
      const h = hashOf(s, 0, s.length);
      const list = this.exact.get(h);
      if (list) list.push(s);
      else this.exact.set(h, [s]);
    }
  }

  /** The first identifier of the scanned line that is one of the symbols, or null. */
  find(scan: IdentScan): string | null {
    const { text, starts, ends, hashes } = scan;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const len = ends[i] - start;
      const cands = this.exact.get(hashes[i]);
      if (cands) for (const s of cands) if (s.length === len && text.startsWith(s, start)) return s;
      for (const p of this.prefixes) {
        if (len > p.length && text.startsWith(p, start)) return text.slice(start, ends[i]);
      }
    }
    return null;
  }
}

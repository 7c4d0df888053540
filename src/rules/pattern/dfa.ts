// A lazily built DFA over the Thompson program, in the manner of RE2: every input character costs one
// table lookup once its transition is known, and at most one pass over the program when it is not.
// No backtracking, so the time per line is linear whatever the pattern and the mail say.
import { inRanges, isWordCode, WORD } from './ast.js';
import { OP_ASSERT, OP_JMP, OP_MATCH, OP_SET, OP_SPLIT, type Inst } from './program.js';

const UNKNOWN = -1;
const MATCH = -2;
const DEAD = -3;
/** Cached states kept per pattern; past this the cache is dropped and rebuilt (time stays linear). */
const MAX_STATES = 4096;

interface DState {
  pcs: Int32Array;
  atStart: boolean;
  prevWord: boolean;
  next: Int32Array;
  /** Whether the pattern matches if the line ends here: -1 unknown, 0 no, 1 yes. */
  end: number;
}

export class LazyDfa {
  private readonly bounds: number[];
  private readonly asciiClass = new Int32Array(128);
  private readonly classRep: number[];
  private readonly classWord: boolean[];
  private readonly usesWord: boolean;
  private states: DState[] = [];
  private index = new Map<string, number>();
  private readonly mark: Int32Array;
  private markGen = 0;
  private readonly stack: number[] = [];
  private readonly sets: number[] = [];

  constructor(
    private readonly insts: Inst[],
    /** True when every match must start at the beginning of the line. */
    private readonly anchored: boolean,
  ) {
    this.usesWord = insts.some((i) => i.op === OP_ASSERT && (i.kind === 'word' || i.kind === 'nonword'));
    const cuts = new Set<number>([0]);
    for (const inst of insts) {
      if (inst.op !== OP_SET) continue;
      for (const [lo, hi] of inst.ranges) {
        cuts.add(lo);
        cuts.add(hi + 1);
      }
    }
    for (const [lo, hi] of WORD) {
      cuts.add(lo);
      cuts.add(hi + 1);
    }
    this.bounds = [...cuts].filter((c) => c <= 0xffff).sort((a, b) => a - b);
    this.classRep = this.bounds.slice();
    this.classWord = this.classRep.map(isWordCode);
    for (let c = 0; c < 128; c++) this.asciiClass[c] = this.search(c);
    this.mark = new Int32Array(insts.length);
    this.reset();
  }

  private search(c: number): number {
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bounds[mid] <= c) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private reset(): void {
    this.states = [];
    this.index = new Map();
    this.intern([0], true, false);
  }

  private intern(pcs: number[], atStart: boolean, prevWord: boolean): number {
    const key = `${atStart ? 1 : 0}${prevWord ? 1 : 0}${pcs.join(',')}`;
    const known = this.index.get(key);
    if (known !== undefined) return known;
    if (this.states.length >= MAX_STATES) {
      this.reset();
      return this.intern(pcs, atStart, prevWord);
    }
    const id = this.states.length;
    this.states.push({ pcs: Int32Array.from(pcs), atStart, prevWord, next: new Int32Array(this.classRep.length).fill(UNKNOWN), end: -1 });
    this.index.set(key, id);
    return id;
  }

  /** Follows empty transitions from s; fills this.sets with SET instructions reached. True on MATCH. */
  private closure(s: DState, nextWord: boolean, atEnd: boolean): boolean {
    this.markGen++;
    if (this.markGen === 0x7fffffff) {
      this.mark.fill(0);
      this.markGen = 1;
    }
    const { insts, mark, stack, sets } = this;
    sets.length = 0;
    stack.length = 0;
    for (let i = s.pcs.length - 1; i >= 0; i--) stack.push(s.pcs[i]);
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (mark[pc] === this.markGen) continue;
      mark[pc] = this.markGen;
      const inst = insts[pc];
      switch (inst.op) {
        case OP_SET:
          sets.push(pc);
          break;
        case OP_SPLIT:
          stack.push(inst.y, inst.x);
          break;
        case OP_JMP:
          stack.push(inst.x);
          break;
        case OP_MATCH:
          return true;
        case OP_ASSERT: {
          let ok: boolean;
          if (inst.kind === 'bol') ok = s.atStart;
          else if (inst.kind === 'eol') ok = atEnd;
          else if (inst.kind === 'word') ok = s.prevWord !== nextWord;
          else ok = s.prevWord === nextWord;
          if (ok) stack.push(pc + 1);
          break;
        }
      }
    }
    return false;
  }

  private step(id: number, k: number): number {
    const s = this.states[id];
    const nextWord = this.classWord[k];
    if (this.closure(s, nextWord, false)) {
      s.next[k] = MATCH;
      return MATCH;
    }
    const rep = this.classRep[k];
    const out: number[] = [];
    for (const pc of this.sets) {
      const inst = this.insts[pc] as { ranges: ReadonlyArray<readonly [number, number]> };
      if (inRanges(inst.ranges, rep)) out.push(pc + 1);
    }
    if (!this.anchored) out.push(0);
    if (out.length === 0) {
      s.next[k] = DEAD;
      return DEAD;
    }
    out.sort((a, b) => a - b);
    let w = 0;
    for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[w++] = out[i];
    out.length = w;
    const before = this.states;
    const next = this.intern(out, false, this.usesWord && nextWord);
    if (this.states === before) s.next[k] = next;
    return next;
  }

  private endMatches(id: number): boolean {
    const s = this.states[id];
    if (s.end === -1) s.end = this.closure(s, false, true) ? 1 : 0;
    return s.end === 1;
  }

  /** Does the pattern match somewhere in text[0, limit)? */
  test(text: string, limit = text.length): boolean {
    let id = 0;
    const n = Math.min(limit, text.length);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const k = c < 128 ? this.asciiClass[c] : this.search(c);
      let next = this.states[id].next[k];
      if (next === UNKNOWN) next = this.step(id, k);
      if (next === MATCH) return true;
      if (next === DEAD) return false;
      id = next;
    }
    return this.endMatches(id);
  }

  /** Cached states (for tests and benchmarks). */
  get size(): number {
    return this.states.length;
  }
}

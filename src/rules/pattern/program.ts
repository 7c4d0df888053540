// Thompson construction: pattern tree → NFA program (one instruction per state).
import type { AssertKind, Node, Ranges } from './ast.js';

export const OP_SET = 0;
export const OP_SPLIT = 1;
export const OP_JMP = 2;
export const OP_ASSERT = 3;
export const OP_MATCH = 4;

export type Inst =
  | { op: typeof OP_SET; ranges: Ranges }
  | { op: typeof OP_SPLIT; x: number; y: number }
  | { op: typeof OP_JMP; x: number }
  | { op: typeof OP_ASSERT; kind: AssertKind }
  | { op: typeof OP_MATCH };

export const MAX_PROGRAM = 20_000;

export class ProgramTooLarge extends Error {}

class Builder {
  readonly insts: Inst[] = [];

  private emit(inst: Inst): number {
    if (this.insts.length >= MAX_PROGRAM) throw new ProgramTooLarge(`pattern expands to more than ${MAX_PROGRAM} automaton states`);
    this.insts.push(inst);
    return this.insts.length - 1;
  }

  /** Placeholder split/jmp patched once the targets are known. */
  private hole(): number {
    return this.emit({ op: OP_JMP, x: -1 });
  }

  gen(node: Node): void {
    switch (node.t) {
      case 'set':
        this.emit({ op: OP_SET, ranges: node.ranges });
        return;
      case 'assert':
        this.emit({ op: OP_ASSERT, kind: node.kind });
        return;
      case 'empty':
        return;
      case 'cat':
        for (const item of node.items) this.gen(item);
        return;
      case 'alt':
        this.alt(node.alts);
        return;
      case 'rep':
        this.rep(node.body, node.min, node.max);
        return;
    }
  }

  private alt(alts: Node[]): void {
    const jumps: number[] = [];
    for (let i = 0; i < alts.length - 1; i++) {
      const split = this.hole();
      this.gen(alts[i]);
      jumps.push(this.hole());
      this.insts[split] = { op: OP_SPLIT, x: split + 1, y: this.insts.length };
    }
    this.gen(alts[alts.length - 1]);
    for (const j of jumps) this.insts[j] = { op: OP_JMP, x: this.insts.length };
  }

  private rep(body: Node, min: number, max: number): void {
    for (let i = 0; i < min; i++) this.gen(body);
    if (max === Infinity) {
      const split = this.hole();
      this.gen(body);
      this.emit({ op: OP_JMP, x: split });
      this.insts[split] = { op: OP_SPLIT, x: split + 1, y: this.insts.length };
      return;
    }
    // Optional copies one after another: for a yes/no match the nesting of (x(x)?)? is not needed.
    for (let i = min; i < max; i++) {
      const split = this.hole();
      this.gen(body);
      this.insts[split] = { op: OP_SPLIT, x: split + 1, y: this.insts.length };
    }
  }

  finish(): Inst[] {
    this.emit({ op: OP_MATCH });
    return this.insts;
  }
}

export function compileProgram(node: Node): Inst[] {
  const b = new Builder();
  b.gen(node);
  return b.finish();
}

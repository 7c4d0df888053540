// Required literals: strings of which every match must contain at least one. Most rule patterns name
// an identifier (`page_pgmap`, `EXPORT_SYMBOL`), so String.includes rejects nearly every line before
// the automaton runs.
import type { Node } from './ast.js';

const MAX_LITERALS = 16;

type Req = string[] | null;

function quality(r: string[]): number {
  return Math.min(...r.map((s) => s.length)) * 100 - r.length;
}

function better(a: Req, b: Req): Req {
  if (!a) return b;
  if (!b) return a;
  return quality(b) > quality(a) ? b : a;
}

function dedupe(r: string[]): string[] {
  return [...new Set(r)];
}

export function requiredLiterals(node: Node): Req {
  switch (node.t) {
    case 'set':
      return node.lit !== undefined ? [node.lit] : null;
    case 'cat': {
      let best: Req = null;
      let run = '';
      for (const item of node.items) {
        if (item.t === 'set' && item.lit !== undefined) {
          run += item.lit;
          continue;
        }
        if (run) best = better(best, [run]);
        run = '';
        // Zero-width anchors do not break a run of literals: `\bfoo\b` still requires "foo".
        if (item.t === 'assert') continue;
        best = better(best, requiredLiterals(item));
      }
      if (run) best = better(best, [run]);
      return best;
    }
    case 'alt': {
      const out: string[] = [];
      for (const a of node.alts) {
        const r = requiredLiterals(a);
        if (!r) return null;
        out.push(...r);
      }
      const d = dedupe(out);
      return d.length > MAX_LITERALS ? null : d;
    }
    case 'rep':
      return node.min >= 1 ? requiredLiterals(node.body) : null;
    default:
      return null;
  }
}

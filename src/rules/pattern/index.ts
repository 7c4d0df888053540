// A list of rule patterns (any-of) compiled to one matcher: literal prefilter, then a lazy DFA.
import type { Node } from './ast.js';
import { LazyDfa } from './dfa.js';
import { requiredLiterals } from './literals.js';
import { parsePattern, PatternError } from './parse.js';
import { compileProgram, ProgramTooLarge } from './program.js';

export { PatternError } from './parse.js';

/** Characters of a line that patterns look at; the rest of a longer line is not evaluated. */
export const MAX_LINE = 4096;

export interface LineMatcher {
  test(line: string): boolean;
  /** The patterns as written, for messages and debugging. */
  readonly sources: readonly string[];
  /** Strings of which every matching line contains one, or null when there are none. */
  readonly literals: readonly string[] | null;
}

function startsWithBol(node: Node): boolean {
  if (node.t === 'assert') return node.kind === 'bol';
  if (node.t === 'cat') return node.items.length > 0 && startsWithBol(node.items[0]);
  if (node.t === 'alt') return node.alts.every(startsWithBol);
  return false;
}

/** Error in the i-th pattern of a list. */
export class PatternListError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Compiles patterns into one matcher that is true when any of them matches the line.
 * Throws PatternListError naming the bad pattern.
 */
export function compilePatterns(sources: readonly string[]): LineMatcher {
  const trees: Node[] = [];
  sources.forEach((src, index) => {
    try {
      trees.push(parsePattern(src));
    } catch (e) {
      if (e instanceof PatternError) throw new PatternListError(e.message, index, e.offset);
      throw e;
    }
  });
  const tree: Node = trees.length === 1 ? trees[0] : { t: 'alt', alts: trees };
  let dfa: LazyDfa;
  try {
    dfa = new LazyDfa(compileProgram(tree), startsWithBol(tree));
  } catch (e) {
    if (e instanceof ProgramTooLarge) throw new PatternListError(e.message, 0, 0);
    throw e;
  }
  const lits = requiredLiterals(tree);
  const test = lits
    ? (line: string) => {
        const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
        for (const l of lits) if (text.includes(l)) return dfa.test(text);
        return false;
      }
    : (line: string) => dfa.test(line, MAX_LINE);
  return { test, sources: sources.slice(), literals: lits };
}

/** Checks one pattern without building an automaton; returns null when it is acceptable. */
export function checkPattern(src: string): PatternError | null {
  try {
    parsePattern(src);
    return null;
  } catch (e) {
    if (e instanceof PatternError) return e;
    throw e;
  }
}

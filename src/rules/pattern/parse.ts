// Parser for rule patterns: JavaScript regex syntax restricted to what a linear-time automaton can
// run and a reader can check at a glance. Anything outside the subset is refused with the offset.
import { complement, DIGIT, DOT, normalise, SPACE, WORD, type Node, type Ranges } from './ast.js';

export class PatternError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export const MAX_PATTERN_LENGTH = 1000;
const MAX_COUNT = 255;
const MAX_DEPTH = 32;

const CLASS_ESCAPES: Record<string, Ranges> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.src.length) {
      // Only an unmatched ')' stops alternation() early.
      throw new PatternError('unmatched )', this.pos);
    }
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private fail(message: string, at = this.pos): never {
    throw new PatternError(message, at);
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const start = this.pos;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }

  private quantified(atom: Node, start: number): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') [min, max] = this.braces();
    else return atom;
    const qpos = this.pos;
    if (c !== '{') this.pos++;
    if (this.peek() === '?') this.pos++; // lazy: the same set of lines matches
    if (atom.t === 'assert') this.fail('nothing to repeat: an anchor or \\b cannot be repeated', qpos);
    if (atom.t === 'empty') this.fail('nothing to repeat', qpos);
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{') this.fail('nothing to repeat', this.pos);
    if (max > 1 && hasRepeat(atom)) {
      this.fail(
        `nested repetition in "${this.src.slice(start, this.pos)}": a repeated group may not contain another repetition (it backtracks exponentially in ordinary regex engines)`,
        start,
      );
    }
    return { t: 'rep', body: atom, min, max };
  }

  private braces(): [number, number] {
    const open = this.pos;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(open, open + 16));
    if (!m) this.fail('a literal { must be escaped as \\{', open);
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) this.fail(`repetition count above ${MAX_COUNT}`, open);
    if (max < min) this.fail('numbers out of order in {} quantifier', open);
    this.pos = open + m[0].length;
    return [min, max];
  }

  private atom(): Node {
    const c = this.src[this.pos];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        this.pos++;
        return { t: 'set', ranges: DOT };
      case '^':
        this.pos++;
        return { t: 'assert', kind: 'bol' };
      case '$':
        this.pos++;
        return { t: 'assert', kind: 'eol' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      case '{':
        return this.fail('a literal { must be escaped as \\{');
      case '}':
      case ']':
        return this.fail(`a literal ${c} must be escaped as \\${c}`);
      default:
        this.pos++;
        return literal(c.charCodeAt(0));
    }
  }

  private group(): Node {
    const open = this.pos;
    this.pos++;
    if (this.src.startsWith('?', this.pos)) {
      const rest = this.src.slice(this.pos, this.pos + 3);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.fail('lookahead and lookbehind are not supported', open);
      } else if (rest.startsWith('?<')) {
        const m = /^\?<[A-Za-z_$][\w$]*>/.exec(this.src.slice(this.pos, this.pos + 64));
        if (!m) this.fail('bad group name', open);
        this.pos += m[0].length;
      } else this.fail('unknown group syntax (?…', open);
    }
    if (++this.depth > MAX_DEPTH) this.fail(`groups nested deeper than ${MAX_DEPTH}`, open);
    const inner = this.alternation();
    this.depth--;
    if (this.peek() !== ')') this.fail('unterminated group', open);
    this.pos++;
    return inner;
  }

  private escape(): Node {
    const at = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) this.fail('\\ at end of pattern', at);
    this.pos += 2;
    if (c === 'b') return { t: 'assert', kind: 'word' };
    if (c === 'B') return { t: 'assert', kind: 'nonword' };
    const cls = CLASS_ESCAPES[c];
    if (cls) return { t: 'set', ranges: cls };
    return literal(this.escapedCode(c, at));
  }

  /** The code unit of a single-character escape (after the backslash and c were consumed). */
  private escapedCode(c: string, at: number): number {
    if (c in CONTROL_ESCAPES) return CONTROL_ESCAPES[c];
    if (c === '0' && !/[0-9]/.test(this.peek() ?? '')) return 0;
    if (/[1-9]/.test(c) || c === 'k') this.fail('backreferences are not supported', at);
    if (c === 'x' || c === 'u') {
      const len = c === 'x' ? 2 : 4;
      const hex = this.src.slice(this.pos, this.pos + len);
      if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.fail(`\\${c} needs ${len} hex digits`, at);
      this.pos += len;
      return parseInt(hex, 16);
    }
    if (/[A-Za-z0-9]/.test(c)) this.fail(`unknown escape \\${c}`, at);
    return c.charCodeAt(0);
  }

  private charClass(): Node {
    const open = this.pos;
    this.pos++;
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const ranges: Array<[number, number]> = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated character class', open);
      if (c === ']') {
        if (first) this.fail('empty character class', open);
        this.pos++;
        break;
      }
      first = false;
      const lo = this.classAtom();
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        const dash = this.pos;
        this.pos++;
        const hi = this.classAtom();
        if (typeof lo !== 'number' || typeof hi !== 'number') this.fail('a class escape cannot be a range end', dash);
        if (hi < lo) this.fail('range out of order in character class', dash);
        ranges.push([lo, hi]);
      } else if (typeof lo === 'number') ranges.push([lo, lo]);
      else ranges.push(...lo.map((r) => [r[0], r[1]] as [number, number]));
    }
    const set = normalise(ranges);
    return { t: 'set', ranges: negate ? complement(set) : set };
  }

  /** One class member: a code unit, or the ranges of \d \w \s and their negations. */
  private classAtom(): number | Ranges {
    const c = this.src[this.pos];
    if (c !== '\\') {
      if (c === '[') this.fail('a literal [ inside a class must be escaped as \\[');
      this.pos++;
      return c.charCodeAt(0);
    }
    const at = this.pos;
    const e = this.src[this.pos + 1];
    if (e === undefined) this.fail('\\ at end of pattern', at);
    this.pos += 2;
    const cls = CLASS_ESCAPES[e];
    if (cls) return cls;
    if (e === 'b' || e === 'B') this.fail('\\b inside a class is ambiguous; write \\x08 for backspace', at);
    if (e === '-') return 45;
    return this.escapedCode(e, at);
  }
}

function literal(c: number): Node {
  return { t: 'set', ranges: [[c, c]], lit: String.fromCharCode(c) };
}

function hasRepeat(node: Node): boolean {
  switch (node.t) {
    case 'rep':
      return node.max > 1 || hasRepeat(node.body);
    case 'cat':
      return node.items.some(hasRepeat);
    case 'alt':
      return node.alts.some(hasRepeat);
    default:
      return false;
  }
}

/** True when the node can match without consuming a character (anchors are zero-width). */
export function nullable(node: Node): boolean {
  switch (node.t) {
    case 'set':
      return false;
    case 'cat':
      return node.items.every(nullable);
    case 'alt':
      return node.alts.some(nullable);
    case 'rep':
      return node.min === 0 || nullable(node.body);
    default:
      return true;
  }
}

/** Parses and checks one rule pattern; throws PatternError with the offending offset. */
export function parsePattern(src: string): Node {
  if (src.length === 0) throw new PatternError('empty pattern', 0);
  if (src.length > MAX_PATTERN_LENGTH) throw new PatternError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`, 0);
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) throw new PatternError('pattern contains a line break (patterns match single lines)', i);
  }
  const node = new Parser(src).parse();
  if (nullable(node)) throw new PatternError('pattern can match an empty string, so it would fire on every line', 0);
  return node;
}

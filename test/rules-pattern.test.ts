// Rule patterns: the accepted subset, the refusals, agreement with JavaScript's RegExp, and linear time
// on hostile lines.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compilePatterns, checkPattern, MAX_LINE, PatternListError } from '../src/rules/pattern/index.js';
import { parsePattern } from '../src/rules/pattern/parse.js';
import { compileProgram } from '../src/rules/pattern/program.js';
import { LazyDfa } from '../src/rules/pattern/dfa.js';
import { corpus } from './helpers/corpus.js';

describe('pattern subset', () => {
  const refused: Array<[string, RegExp]> = [
    ['(a+)+$', /nested repetition/],
    ['(a*)*b', /nested repetition/],
    ['(?:\\w+\\s*)+\\(', /nested repetition/],
    ['(x{2,3}){4}', /nested repetition/],
    ['(a)\\1', /backreferences/],
    ['(?<n>a)\\k<n>', /backreferences/],
    ['foo(?=bar)', /lookahead and lookbehind/],
    ['(?<!un)likely', /lookahead and lookbehind/],
    ['a{300}', /repetition count above/],
    ['', /empty pattern/],
    ['a*', /empty string/],
    ['^', /empty string/],
    ['\\bfoo|', /empty string/],
    ['struct {', /literal \{ must be escaped/],
    ['(abc', /unterminated group/],
    ['abc)', /unmatched \)/],
    ['[abc', /unterminated character class/],
    ['a**', /nothing to repeat/],
    ['^*x', /nothing to repeat/],
    ['\\q', /unknown escape/],
    ['[z-a]', /out of order/],
  ];
  for (const [src, why] of refused) {
    it(`refuses ${JSON.stringify(src)}`, () => {
      const err = checkPattern(src);
      expect(err?.message).toMatch(why);
    });
  }

  it('reports which pattern of a list is bad, and where', () => {
    try {
      compilePatterns(['\\bpage_pgmap\\(', 'ok|(b+)*']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PatternListError);
      expect((e as PatternListError).index).toBe(1);
      expect((e as PatternListError).offset).toBe(3);
    }
  });

  it('every accepted pattern is also valid JavaScript with the same meaning', () => {
    for (const src of ['\\b(page|folio)->pgmap\\b', '^\\s*EXPORT_SYMBOL\\w*\\s*\\(', '[^\\w\\]-]x', '\\x41\\u00e9\\t', 'a{2,}b{0,3}c?']) {
      expect(checkPattern(src)).toBeNull();
      expect(() => new RegExp(src)).not.toThrow();
    }
  });
});

/** Small deterministic generator (mulberry32), so a failing case can be reproduced. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPattern(r: () => number, depth = 0): string {
  const atoms = ['a', 'b', 'c', '_', ' ', '.', '\\w', '\\s', '\\d', '[ab]', '[^a ]', '\\(', '-', '>'];
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    let atom: string;
    const x = r();
    if (x < 0.15 && depth < 2) atom = `(${randomPattern(r, depth + 1)}|${randomPattern(r, depth + 1)})`;
    else if (x < 0.22) atom = ['^', '$', '\\b', '\\B'][Math.floor(r() * 4)];
    else atom = atoms[Math.floor(r() * atoms.length)];
    const q = r();
    if (!['^', '$', '\\b', '\\B'].includes(atom)) {
      if (q < 0.12) atom += '*';
      else if (q < 0.22) atom += '+';
      else if (q < 0.3) atom += '?';
      else if (q < 0.34) atom += '{1,2}';
    }
    parts.push(atom);
  }
  return parts.join('');
}

describe('the automaton agrees with RegExp', () => {
  it('on random patterns and random lines', () => {
    const r = rng(42);
    const alphabet = 'ab c_->(9é\t';
    let checked = 0;
    for (let p = 0; p < 1500; p++) {
      const src = randomPattern(r);
      if (checkPattern(src)) continue; // refused (nested repetition, empty match): not comparable
      const ours = compilePatterns([src]);
      const theirs = new RegExp(src);
      for (let s = 0; s < 40; s++) {
        let line = '';
        const len = Math.floor(r() * 12);
        for (let i = 0; i < len; i++) line += alphabet[Math.floor(r() * alphabet.length)];
        const want = theirs.test(line);
        if (ours.test(line) !== want) throw new Error(`pattern ${JSON.stringify(src)} line ${JSON.stringify(line)}: RegExp says ${want}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('on every diff line of the folio series', () => {
    const lines = readFileSync(corpus('kernel/series/folio-5.17.mbox'), 'latin1')
      .split('\n')
      .filter((l) => /^[-+ ]/.test(l))
      .map((l) => l.slice(1));
    const patterns = [
      '\\b(page|folio)->pgmap\\b',
      '^\\s*EXPORT_SYMBOL\\w*\\s*\\(',
      '\\bstruct\\s+(page|folio)\\s*\\*',
      'folio_\\w+\\(\\w+\\)$',
      '\\bmlock_count\\b|PageTail',
      '[^\\s;]+;\\s*/\\*',
    ];
    let hits = 0;
    for (const src of patterns) {
      const ours = compilePatterns([src]);
      const theirs = new RegExp(src);
      for (const line of lines) {
        const want = theirs.test(line);
        if (ours.test(line) !== want) throw new Error(`${src} on ${JSON.stringify(line)}: RegExp says ${want}`);
        if (want) hits++;
      }
    }
    expect(hits).toBeGreaterThan(1000);
  });
});

describe('linear time on hostile lines', () => {
  const hostile = 'a'.repeat(100_000) + '!';

  it('the classic catastrophic pattern (a+)+$ is refused at load', () => {
    expect(() => compilePatterns(['(a+)+$'])).toThrow(/nested repetition/);
  });

  it('accepted patterns that backtrack exponentially elsewhere run in linear time here', () => {
    // (a|aa)*b passes the load check (no nested repetition) yet takes exponential time in a
    // backtracking engine on a run of a's; the automaton reads each character once.
    for (const src of ['(a|aa)*b', '(a|a)*$x', 'a*a*a*a*a*b', '\\w+\\s*\\w+\\(', '(ab|a){1,200}c']) {
      const dfa = new LazyDfa(compileProgram(parsePattern(src)), false);
      const t0 = performance.now();
      const res = dfa.test(hostile);
      const ms = performance.now() - t0;
      expect(res, src).toBe(false);
      expect(ms, `${src} took ${ms.toFixed(1)} ms on 100k characters`).toBeLessThan(1000);
    }
  });

  it('a million-character line against the built-in style patterns', () => {
    const long = 'page->pgmap; '.repeat(10).padEnd(1_000_000, 'x (y) ');
    const m = compilePatterns(['\\b(page|folio)->pgmap\\b', '\\bpage_pgmap\\s*\\(', '^\\s*EXPORT_SYMBOL\\w*\\s*\\(']);
    const t0 = performance.now();
    expect(m.test(long)).toBe(true);
    expect(m.test('x'.repeat(1_000_000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it(`only the first ${MAX_LINE} characters of a line are evaluated`, () => {
    const m = compilePatterns(['NODE_DATA']);
    expect(m.test(' '.repeat(MAX_LINE - 9) + 'NODE_DATA')).toBe(true);
    expect(m.test(' '.repeat(MAX_LINE) + 'NODE_DATA')).toBe(false);
  });
});

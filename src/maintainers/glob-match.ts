// A matcher for the regexes get_maintainer.pl builds from F:/X: globs (`\.`, `.`, `.*`, `[...]`
// and plain characters). It answers "does `^pattern` match?" in O(path × pattern) steps with no
// backtracking blow-up, which plain RegExp cannot promise for patterns like `drivers/*/*/*ma35*`.

const STAR = 0;
const ANY = 1;
const LIT = 2;
const CLASS = 3;

type Token = { t: typeof STAR } | { t: typeof ANY } | { t: typeof LIT; c: string } | { t: typeof CLASS; source: string; re: RegExp | null };

export interface Glob {
  tokens: Token[];
  /** Characters every match starts with. */
  prefix: string;
  /** True when the pattern is only plain characters (then `prefix` is the whole pattern). */
  literal: boolean;
}

const NON_LITERAL = /[[\]*+?{}()|^$#\s]|\\[^.]|(?:^|[^\\])\./;

/** Parse a converted F:/X: value; null when it uses regex syntax beyond what globs produce. */
export function parseGlob(converted: string): Glob | null {
  if (!NON_LITERAL.test(converted)) return { tokens: [], prefix: converted.replace(/\\\./g, '.'), literal: true };
  // Index by code point only when needed: Perl's `.` takes a whole character.
  const chars: ArrayLike<string> = /[\uD800-\uDFFF]/.test(converted) ? Array.from(converted) : converted;
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      const e = chars[i + 1];
      if (e === undefined || isAlnum(e)) return null;
      tokens.push({ t: LIT, c: e });
      i++;
    } else if (c === '.') {
      if (chars[i + 1] === '*') {
        tokens.push({ t: STAR });
        i++;
      } else tokens.push({ t: ANY });
    } else if (c === '[') {
      let j = i + 1;
      if (chars[j] === '^') j++;
      if (chars[j] === ']') j++;
      let source = '';
      while (j < chars.length && chars[j] !== ']') {
        if (chars[j] === '[' || (chars[j] === '\\' && isAlnum(chars[j + 1] ?? 'a'))) return null;
        if (chars[j] === '\\') j++;
        j++;
      }
      if (j >= chars.length) return null;
      for (let k = i; k <= j; k++) source += chars[k] === '/' ? '\\/' : chars[k];
      tokens.push({ t: CLASS, source, re: null });
      i = j;
    } else if (SPECIAL.includes(c) || c.trim() === '') {
      return null;
    } else {
      tokens.push({ t: LIT, c });
    }
    const next = chars[i + 1];
    if (next === '*' || next === '+' || next === '?' || next === '{') return null;
  }
  let prefix = '';
  let n = 0;
  for (; n < tokens.length; n++) {
    const tok = tokens[n];
    if (tok.t !== LIT) break;
    prefix += tok.c;
  }
  return { tokens, prefix, literal: n === tokens.length };
}

const SPECIAL = '*+?{}()|^$]#';

function isAlnum(c: string): boolean {
  const x = c.charCodeAt(0);
  return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
}

function classRegex(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    return /(?!)/; // an invalid class (e.g. a reversed range) matches nothing, as Perl would die
  }
}

function tokenMatches(tok: Token, ch: string): boolean {
  switch (tok.t) {
    case LIT:
      return tok.c === ch;
    case ANY:
      return ch !== '\n';
    case CLASS:
      // Compiled on first use: most patterns are never tested in a run.
      return (tok.re ??= classRegex(tok.source)).test(ch);
    default:
      return false;
  }
}

/** Does `^pattern` match `file` (i.e. does the pattern match a prefix of it)? */
export function globMatchesPrefix(glob: Glob, file: string): boolean {
  const s: ArrayLike<string> = /[\uD800-\uDFFF]/.test(file) ? Array.from(file) : file;
  const tokens = glob.tokens;
  const m = tokens.length;
  let i = 0;
  let j = 0;
  let starJ = -1;
  let starI = 0;
  for (;;) {
    if (j === m) return true;
    const tok = tokens[j];
    if (tok.t === STAR) {
      starJ = j;
      starI = i;
      j++;
      continue;
    }
    if (i < s.length && tokenMatches(tok, s[i])) {
      i++;
      j++;
      continue;
    }
    // Let the last `.*` take one more character and retry from there.
    if (starJ < 0 || starI >= s.length || s[starI] === '\n') return false;
    starI++;
    i = starI;
    j = starJ + 1;
  }
}

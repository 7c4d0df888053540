// Translate the Perl regular expressions that MAINTAINERS holds (N:, K:, and the F:/X: globs that
// get_maintainer.pl turns into regexes) into JavaScript ones with the same meaning on our inputs.
//
// Inputs are single lines or paths (no "\n"), so Perl's `.` (anything but "\n") is JS `.` with the
// `s` flag, and `$`/`\Z`/`\z` all mean end of string. Perl-only syntax is mapped where the mapping
// is exact ((?i) and (?i:...) by case-expanding letters, /x by dropping blanks and comments, \A,
// \h, \Q..\E, \x{..}); anything else is refused so that a pattern never silently changes meaning.
// Patterns that could backtrack catastrophically on mail-controlled text are refused too.
// Known difference: JS `\w`/`\b` are ASCII-only where Perl's follow Unicode on decoded text.

export interface PerlRegexOptions {
  /** Perl's /x flag: unescaped blanks and `#` comments outside classes are ignored. */
  extended?: boolean;
}

export type PerlRegexResult = { ok: true; source: string; regex: RegExp } | { ok: false; error: string };

const MAX_PATTERN = 1000;

interface GroupState {
  /** Case-insensitive ((?i)) and extended ((?x) or /x) in this group. */
  ci: boolean;
  x: boolean;
  /** What the group holds, for the backtracking guards: repeating such a group is refused. */
  hasUnbounded: boolean;
  hasAlternation: boolean;
  hasDot: boolean;
}

/** More than one `.*`-like repetition makes matching polynomial of high degree on long lines. */
const MAX_WIDE_REPEATS = 1;

export function perlToJsRegex(pattern: string, opts: PerlRegexOptions = {}): PerlRegexResult {
  if (pattern.length > MAX_PATTERN) return { ok: false, error: `pattern longer than ${MAX_PATTERN} characters` };
  try {
    const source = translate(pattern, opts.extended ?? false);
    return { ok: true, source, regex: new RegExp(source, 's') };
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0] };
  }
}

function caseVariants(ch: string): string {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo === up || lo.length !== 1 || up.length !== 1) return '';
  return ch === lo ? up : lo;
}

function escapeForJs(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

function literal(ch: string, ci: boolean): string {
  const other = ci ? caseVariants(ch) : '';
  return other ? `[${ch}${other}]` : escapeForJs(ch);
}

const SIMPLE_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 't', 'r', 'f', 'v', '0']);

/** Translate one backslash escape outside a class; returns [js, charsConsumed]. */
function translateEscape(p: string, i: number, ci: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) throw new Error('trailing backslash');
  if (SIMPLE_ESCAPES.has(c)) return ['\\' + c, 2];
  if (c === 'A') return ['^', 2];
  if (c === 'z' || c === 'Z') return ['$', 2];
  if (c === 'h') return ['[\\t ]', 2];
  if (c === 'e') return ['\\x1b', 2];
  if (c === 'x') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(p.slice(i + 2));
    if (braced) return [literal(String.fromCodePoint(parseInt(braced[1], 16)), ci), 2 + braced[0].length];
    const hex = /^[0-9a-fA-F]{1,2}/.exec(p.slice(i + 2));
    const code = hex ? parseInt(hex[0], 16) : 0;
    return [literal(String.fromCharCode(code), ci), 2 + (hex ? hex[0].length : 0)];
  }
  if (/[1-9]/.test(c)) throw new Error('backreferences are not supported');
  if (/[A-Za-z]/.test(c)) throw new Error(`unsupported escape \\${c}`);
  return [literal(c, ci), 2];
}

/** Copy a character class starting at p[i] === '['; returns [js, endIndex]. */
function translateClass(p: string, i: number, ci: boolean): [string, number] {
  let j = i + 1;
  let out = '[';
  if (p[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  const extra: string[] = [];
  while (j < p.length) {
    const c = p[j];
    if (c === ']' && !first) return [out + extra.join('') + ']', j + 1];
    first = false;
    if (c === '[' && p[j + 1] === ':') throw new Error('POSIX character classes are not supported');
    if (c === '\\') {
      const e = p[j + 1];
      if (e === undefined) break;
      if (e === 'h') out += '\\t ';
      else if (/[A-Za-z]/.test(e) && !SIMPLE_ESCAPES.has(e) && e !== 'x') throw new Error(`unsupported escape \\${e} in class`);
      else out += '\\' + e;
      j += 2;
      continue;
    }
    if (ci && p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      const lo = c;
      const hi = p[j + 2];
      out += `${escapeClassChar(lo)}-${escapeClassChar(hi)}`;
      if (/[a-z]/.test(lo) && /[a-z]/.test(hi)) extra.push(`${lo.toUpperCase()}-${hi.toUpperCase()}`);
      else if (/[A-Z]/.test(lo) && /[A-Z]/.test(hi)) extra.push(`${lo.toLowerCase()}-${hi.toLowerCase()}`);
      j += 3;
      continue;
    }
    out += escapeClassChar(c);
    if (ci) {
      const other = caseVariants(c);
      if (other) extra.push(other);
    }
    j++;
  }
  throw new Error('unterminated character class');
}

function escapeClassChar(c: string): string {
  return c === '[' || c === '/' ? '\\' + c : c;
}

const QUANT_BRACE = /^\{(\d+)(,(\d*))?\}/;

function translate(p: string, extended: boolean): string {
  const stack: GroupState[] = [{ ci: false, x: extended, hasUnbounded: false, hasAlternation: false, hasDot: false }];
  let out = '';
  let i = 0;
  // The last atom closed a group whose content may backtrack (unbounded quantifier or alternation).
  let lastGroupRisky = false;
  // The last atom was `.` (or a group holding one), and how many of those were repeated unboundedly.
  let lastWide = false;
  let wideRepeats = 0;
  while (i < p.length) {
    const top = stack[stack.length - 1];
    const c = p[i];
    if (top.x && /\s/.test(c)) {
      i++;
      continue;
    }
    if (top.x && c === '#') break; // comment to end of line; inputs are single lines
    if (c === '\\') {
      if (p[i + 1] === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        const text = p.slice(i + 2, end < 0 ? p.length : end);
        for (const ch of text) out += literal(ch, top.ci);
        i = end < 0 ? p.length : end + 2;
      } else {
        const [js, n] = translateEscape(p, i, top.ci);
        out += js;
        i += n;
      }
      lastGroupRisky = false;
      lastWide = false;
      continue;
    }
    if (c === '[') {
      const [js, end] = translateClass(p, i, top.ci);
      out += js;
      i = end;
      lastGroupRisky = false;
      lastWide = false;
      continue;
    }
    if (c === '(') {
      if (p.startsWith('(?#', i)) {
        const end = p.indexOf(')', i);
        if (end < 0) throw new Error('unterminated (?# comment');
        i = end + 1;
        continue;
      }
      const flags = /^\(\?([a-z]*)(?:-([a-z]*))?([:)])/.exec(p.slice(i));
      if (flags && (flags[1] || flags[2] || flags[3] === ':')) {
        const on = flags[1];
        const off = flags[2] ?? '';
        if (/[^ix]/.test(on + off)) throw new Error(`unsupported inline modifier (?${on}${off ? '-' + off : ''})`);
        const ci = on.includes('i') ? true : off.includes('i') ? false : top.ci;
        const x = on.includes('x') ? true : off.includes('x') ? false : top.x;
        if (flags[3] === ')') {
          // (?i) applies to the rest of the enclosing group.
          top.ci = ci;
          top.x = x;
          i += flags[0].length;
          continue;
        }
        stack.push({ ci, x, hasUnbounded: false, hasAlternation: false, hasDot: false });
        out += '(?:';
        i += flags[0].length;
        continue;
      }
      const la = /^\(\?(?:[=!]|<[=!])/.exec(p.slice(i));
      const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(p.slice(i));
      if (p[i + 1] === '?' && !la && !named) throw new Error(`unsupported group ${p.slice(i, i + 4)}`);
      stack.push({ ci: top.ci, x: top.x, hasUnbounded: false, hasAlternation: false, hasDot: false });
      if (named) {
        out += `(?<${named[1]}>`;
        i += named[0].length;
      } else if (la) {
        out += la[0];
        i += la[0].length;
      } else {
        out += '(';
        i++;
      }
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) throw new Error('unmatched )');
      const g = stack.pop()!;
      const parent = stack[stack.length - 1];
      parent.hasUnbounded ||= g.hasUnbounded;
      lastGroupRisky = g.hasUnbounded || g.hasAlternation;
      lastWide = g.hasDot;
      parent.hasDot ||= g.hasDot;
      out += ')';
      i++;
      continue;
    }
    if (c === '|') {
      top.hasAlternation = true;
      out += '|';
      i++;
      lastGroupRisky = false;
      lastWide = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && QUANT_BRACE.test(p.slice(i)))) {
      let q = c;
      let unbounded = c === '*' || c === '+';
      if (c === '{') {
        const m = QUANT_BRACE.exec(p.slice(i))!;
        q = m[0];
        unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 16);
      }
      i += q.length;
      if (p[i] === '+') throw new Error('possessive quantifiers are not supported');
      if (p[i] === '?') {
        q += '?';
        i++;
      }
      if (unbounded && lastGroupRisky) throw new Error('nested quantifier (may backtrack catastrophically)');
      if (unbounded) top.hasUnbounded = true;
      if (unbounded && lastWide && ++wideRepeats > MAX_WIDE_REPEATS) {
        throw new Error('more than one unbounded repetition of `.` (slow on long lines)');
      }
      out += q;
      lastGroupRisky = false;
      lastWide = false;
      continue;
    }
    if (c === '{' || c === '}') {
      out += '\\' + c;
      i++;
      lastGroupRisky = false;
      lastWide = false;
      continue;
    }
    if (c === '.' || c === '^' || c === '$') {
      out += c;
      i++;
      lastGroupRisky = false;
      lastWide = c === '.';
      if (lastWide) top.hasDot = true;
      continue;
    }
    out += literal(c, top.ci);
    i++;
    lastGroupRisky = false;
    lastWide = false;
  }
  if (stack.length !== 1) throw new Error('unmatched (');
  return out;
}

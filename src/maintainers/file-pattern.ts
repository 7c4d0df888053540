// F: and X: patterns with get_maintainer.pl's semantics.
//
// The script turns a value into a regex (`.`→`\.`, `*`→`.*`, `?`→`.`), appends `/` when the value
// is a directory of the tree, and then matches `^pattern`: a value ending in `/` covers the whole
// subtree; any other value must also have as many `/` as the file, so `dir/*` covers only that
// directory and `dir/file.c` is a prefix match at the same depth. Plain values are matched with
// string operations, globs with glob-match.ts; anything else falls back to a translated regex.

import { globMatchesPrefix, parseGlob } from './glob-match.js';
import { perlToJsRegex } from './perl-regex.js';
import type { CompiledPattern, DirectoryMode, PatternRef } from './types.js';

export function convertGlob(value: string): string {
  if (!/[.*?]/.test(value)) return value;
  return value.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
}

export function countSlashes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) n++;
  return n;
}

export function compileFilePattern(
  kind: 'F' | 'X',
  value: string,
  tvi: number,
  section: number,
  directories: DirectoryMode,
): CompiledPattern {
  let converted = convertGlob(value);
  if (typeof directories === 'function' && !converted.endsWith('/') && converted !== '' && directories(converted)) {
    converted += '/';
  }
  const subtree = converted.endsWith('/');
  const glob = parseGlob(converted);
  const prefix = glob ? glob.prefix : '';
  const literal = glob && glob.literal ? glob.prefix : null;
  const slashes = countSlashes(converted);
  let depth = slashes + (subtree ? 0 : 1);
  if (converted.startsWith('.*')) depth = -1;
  const p: CompiledPattern = {
    kind,
    tvi,
    section,
    converted,
    depth,
    subtree,
    literal,
    maybeDir: directories === 'infer' && literal !== null && !subtree && literal !== '' && !converted.includes('\\'),
    slashes,
    prefix,
    glob: literal === null ? glob : null,
    regex: null,
  };
  if (glob === null) {
    const r = perlToJsRegex('^' + converted);
    if (r.ok) p.regex = r.regex;
    else p.error = r.error;
  }
  return p;
}

/** get_maintainer.pl's file_match_pattern, plus directory inference for maybeDir patterns. */
export function matchFilePattern(p: CompiledPattern, file: string, fileSlashes: number): boolean {
  if (p.literal !== null) {
    if (!file.startsWith(p.literal)) return false;
    if (p.subtree) return true;
    if (p.maybeDir && file.charCodeAt(p.literal.length) === 47 /* / */) return true;
    return fileSlashes === p.slashes;
  }
  if (!file.startsWith(p.prefix)) return false;
  if (p.glob ? !globMatchesPrefix(p.glob, file) : !p.regex?.test(file)) return false;
  return p.subtree || fileSlashes === p.slashes;
}

/**
 * The index key of a raw F:/X: value: the directory part of the text every match starts with.
 * Computed without compiling; a shorter key than the compiled prefix is harmless (only a filter).
 */
export function indexKey(value: string): string {
  let end = value.search(NOT_PLAIN);
  if (end < 0) end = value.length;
  else if (value.includes('|')) return ''; // alternation: matches need not share a prefix
  else if (value[end] === '+' || value[end] === '{') end--; // the quantified character is optional
  return end <= 0 ? '' : value.slice(0, value.lastIndexOf('/', end - 1) + 1);
}

const NOT_PLAIN = /[*?[\](){}^$\\+|]/;

/** Values using more than `*`, `?` and plain text: compiled at load so that errors show early. */
export function needsEarlyCheck(value: string): boolean {
  return /[[\](){}+|^$\\#\s]/.test(value);
}

export function compiledPattern(ref: PatternRef, directories: DirectoryMode): CompiledPattern {
  return (ref.compiled ??= compileFilePattern(ref.kind, ref.value, ref.tvi, ref.section, directories));
}

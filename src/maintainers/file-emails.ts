// Addresses get_maintainer.pl takes from the matched files themselves (maintainers_in_file and
// clean_file_emails): always for .yaml files that exist in the tree (DT bindings name their
// maintainers), for every file with --file-emails.

import { formatEmail, parseEmail } from './email.js';

/** Files larger than this are not scanned (bounded work). */
export const MAX_SCANNED_FILE = 1 << 20;

const BRACKETED = /[(<{]?([A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+)[)>}]?/g;

// The script's address regex, /g over the whole file:
//   [\p{L}"' ,.+-]* \s* ,* \s* [(<{]? [A-Za-z0-9_.+-]+ @ [A-Za-z0-9.-]+ \. [A-Za-z0-9]+ [)>}]?
// Every match holds exactly one `@`. Its end follows from the text after the `@` alone; its start
// is the leftmost position from which the part before the `@` matches, found by running that part
// backwards as a small automaton. Linear time, where the regex itself backtracks cubically.
const isLocal = (c: string) => /^[A-Za-z0-9_.+-]$/.test(c);
const isDomain = (c: string) => /^[A-Za-z0-9.-]$/.test(c);
const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);
const isName = (c: string) => /^[\p{L}"' ,.+-]$/u.test(c);
const isSpace = (c: string) => /^\s$/.test(c);

const IN_LOCAL = 1;
const AFTER_BRACKET = 2;
const IN_SPACE_B = 4;
const IN_COMMAS = 8;
const IN_SPACE_A = 16;
const IN_NAME = 32;

/** Leftmost start (>= from) of `N* S* C* S* B? L+` ending just before the `@` at `at`, or -1. */
function matchStart(text: string, at: number, from: number): number {
  let i = at - 1;
  if (i < from || !isLocal(text[i])) return -1;
  let state = IN_LOCAL;
  let best = i;
  i--;
  while (i >= from && state !== 0) {
    let c = text[i];
    let width = 1;
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i - 1 >= from) {
      c = text.slice(i - 1, i + 1);
      width = 2;
    }
    const space = isSpace(c);
    const comma = c === ',';
    const name = isName(c);
    let next = 0;
    if (state & IN_LOCAL) {
      if (isLocal(c)) next |= IN_LOCAL;
      if (c === '(' || c === '<' || c === '{') next |= AFTER_BRACKET;
    }
    if (state & (IN_LOCAL | AFTER_BRACKET | IN_SPACE_B)) {
      if (space) next |= IN_SPACE_B | IN_SPACE_A;
      if (comma) next |= IN_COMMAS;
    }
    if (state & IN_COMMAS) {
      if (comma) next |= IN_COMMAS;
      if (space) next |= IN_SPACE_A;
    }
    if (state & IN_SPACE_A && space) next |= IN_SPACE_A;
    if (name) next |= IN_NAME;
    state = next;
    if (state !== 0) best = i - width + 1;
    i -= width;
  }
  return best;
}

/** End of `[A-Za-z0-9.-]+ \. [A-Za-z0-9]+ [)>}]?` after the `@` at `at` (greedy, as Perl backtracks), or -1. */
function matchEnd(text: string, at: number): number {
  let run = at + 1;
  while (run < text.length && isDomain(text[run])) run++;
  for (let k = run - 1; k > at + 1; k--) {
    if (text[k] !== '.' || !isAlnum(text[k + 1] ?? '')) continue;
    let end = k + 1;
    while (end < text.length && isAlnum(text[end])) end++;
    if (end < text.length && ')>}'.includes(text[end])) end++;
    return end;
  }
  return -1;
}

/** Every match of the script's address regex, in order, as its /g scan finds them. */
export function addressesInText(text: string): string[] {
  const out: string[] = [];
  if (text.length > MAX_SCANNED_FILE) return out;
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', Math.max(at + 1, from))) {
    const end = matchEnd(text, at);
    const start = end < 0 ? -1 : matchStart(text, at, from);
    if (start < 0) {
      from = at + 1;
      continue;
    }
    out.push(text.slice(start, end));
    from = end;
  }
  return out;
}

/** Perl's split: keeps leading empty fields, drops trailing ones. */
function perlSplit(s: string, sep: RegExp): string[] {
  if (s === '') return [];
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const cpLength = (s: string) => Array.from(s).length;

export function cleanFileEmail(raw: string): string {
  const email = raw.replace(BRACKETED, '<$1>');
  const parsed = parseEmail(email);
  let name = parsed.name.replace(/^"(.*)"$/s, '$1');
  const words = perlSplit(name, /[^\p{L}',.+\-]/u).filter((w) => !/^[',.+\-]$/.test(w));
  if (words.length > 2) {
    const first = words[words.length - 3];
    const middle = words[words.length - 2];
    const last = words[words.length - 1];
    const initial = (w: string) => cpLength(w) === 2 && w.endsWith('.');
    if ((cpLength(first) === 1 && /\p{L}/u.test(first)) || initial(first) || cpLength(middle) === 1 || initial(middle)) {
      name = `${first} ${middle} ${last}`;
    } else {
      name = `${middle} ${last}`;
    }
  } else {
    name = words.join(' ');
  }
  if (/[,.]$/.test(name)) name = name.slice(0, -1);
  if (/^[,.]/.test(name)) name = name.slice(1);
  return formatEmail(name, parsed.address);
}

export function emailsInFile(path: string, text: string): string[] {
  if (/\bMAINTAINERS$/.test(path)) return [];
  return addressesInText(text).map(cleanFileEmail);
}

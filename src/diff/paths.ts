// Path parsing for diff headers: `diff --git` names, `---`/`+++` names, prefixes and timestamps.
import { unquoteC } from './cquote.js';

export const DEV_NULL = '/dev/null';

export interface HeaderNames {
  oldName: string;
  newName: string;
}

/** True for git's one-letter prefixes: a/ b/, and the mnemonic i/ w/ c/ o/ and 1/ 2/. */
function hasOneCharPrefix(name: string): boolean {
  return name.length > 2 && name[1] === '/' && /[a-z0-9]/.test(name[0]);
}

/** Strips the `a/`-style prefix pair when both names carry one (git's -p1); --no-prefix names stay. */
export function stripPrefixPair(oldName: string, newName: string): [string, string, boolean] {
  if (hasOneCharPrefix(oldName) && hasOneCharPrefix(newName)) {
    return [oldName.slice(2), newName.slice(2), true];
  }
  return [oldName, newName, false];
}

/**
 * Splits the text after `diff --git ` into the two names, still with prefixes. Names with spaces
 * are ambiguous there; like git, prefer the split where both halves name the same file, since
 * renames also carry `rename from`/`rename to` lines that override these names.
 */
export function splitGitHeaderNames(rest: string): HeaderNames | null {
  if (rest.startsWith('"')) {
    const first = unquoteC(rest, 0);
    if (!first || rest[first.end] !== ' ') return null;
    const second = readName(rest.slice(first.end + 1));
    return second === null ? null : { oldName: first.value, newName: second };
  }
  if (rest.endsWith('"')) {
    const open = rest.lastIndexOf(' "');
    if (open > 0) {
      const second = unquoteC(rest, open + 1);
      if (second && second.end === rest.length) {
        return { oldName: rest.slice(0, open), newName: second.value };
      }
    }
  }
  const len = rest.length;
  if (len % 2 === 1 && rest[(len - 1) / 2] === ' ') {
    const a = rest.slice(0, (len - 1) / 2);
    const b = rest.slice((len + 1) / 2);
    const [sa, sb] = stripPrefixPair(a, b);
    if (sa === sb) return { oldName: a, newName: b };
  }
  const standard = rest.startsWith('a/') ? rest.indexOf(' b/') : -1;
  const cut = standard > 0 ? standard : rest.indexOf(' ');
  if (cut <= 0) return null;
  return { oldName: rest.slice(0, cut), newName: rest.slice(cut + 1) };
}

/** A whole-line name, C-quoted or plain (as in `rename from X`). */
export function readName(text: string): string | null {
  if (text.startsWith('"')) {
    const q = unquoteC(text, 0);
    return q && q.end === text.length ? q.value : null;
  }
  return text.length > 0 ? text : null;
}

// GNU diff writes "name<TAB>timestamp"; some tools use spaces before an ISO timestamp.
const SPACE_TIMESTAMP = / \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? [+-]\d{4}$/;

/** The name on a `--- `/`+++ ` line (text after the marker), without timestamp. */
export function readTraditionalName(text: string): string | null {
  if (text.startsWith('"')) {
    const q = unquoteC(text, 0);
    if (q && (q.end === text.length || text[q.end] === '\t' || text[q.end] === ' ')) return q.value;
  }
  const tab = text.indexOf('\t');
  let name = tab >= 0 ? text.slice(0, tab) : text;
  // Only the tail can hold a timestamp: keeps the regex's work bounded on long lines.
  const ts = SPACE_TIMESTAMP.exec(name.slice(-40));
  if (ts) name = name.slice(0, name.length - ts[0].length);
  name = name.trimEnd();
  return name.length > 0 ? name : null;
}

/** Drops the first path component (patch -p1). */
export function stripComponent(name: string): string {
  const slash = name.indexOf('/');
  return slash >= 0 && slash < name.length - 1 ? name.slice(slash + 1) : name;
}

export function firstComponent(name: string): string | null {
  const slash = name.indexOf('/');
  return slash > 0 ? name.slice(0, slash) : null;
}

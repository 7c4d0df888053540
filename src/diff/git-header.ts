// git's extended header lines between `diff --git` and the first hunk (see git-diff(1),
// "generating patch text with -p"). Each handler updates the open file; unknown lines end the header.
import { unquoteC } from './cquote.js';
import { newFileDiff, refreshPath, type OpenFile } from './open-file.js';
import { DEV_NULL, readName, splitGitHeaderNames, stripPrefixPair } from './paths.js';

type Handler = (open: OpenFile, value: string) => boolean;

const MODE = /^[0-7]{6}$/;

function percent(value: string): number | null {
  const m = /^(\d{1,3})%$/.exec(value);
  return m ? Math.min(100, Number(m[1])) : null;
}

const HANDLERS: [string, Handler][] = [
  ['old mode ', (o, v) => setMode(o, 'oldMode', v)],
  ['new mode ', (o, v) => setMode(o, 'newMode', v)],
  ['deleted file mode ', (o, v) => {
    o.file.status = 'deleted';
    o.file.newPath = null;
    refreshPath(o.file);
    return setMode(o, 'oldMode', v);
  }],
  ['new file mode ', (o, v) => {
    o.file.status = 'added';
    o.file.oldPath = null;
    refreshPath(o.file);
    return setMode(o, 'newMode', v);
  }],
  ['rename from ', (o, v) => setName(o, 'renamed', 'oldPath', v)],
  ['rename to ', (o, v) => setName(o, 'renamed', 'newPath', v)],
  // Names used by git before 1.5.
  ['rename old ', (o, v) => setName(o, 'renamed', 'oldPath', v)],
  ['rename new ', (o, v) => setName(o, 'renamed', 'newPath', v)],
  ['copy from ', (o, v) => setName(o, 'copied', 'oldPath', v)],
  ['copy to ', (o, v) => setName(o, 'copied', 'newPath', v)],
  ['similarity index ', (o, v) => {
    const p = percent(v);
    if (p !== null) o.file.similarity = p;
    return p !== null;
  }],
  ['dissimilarity index ', (o, v) => {
    const p = percent(v);
    if (p !== null) o.file.dissimilarity = p;
    return p !== null;
  }],
  ['index ', readIndexLine],
  // Combined diffs: "mode 100644,100644..100644".
  ['mode ', () => true],
];

function setMode(open: OpenFile, key: 'oldMode' | 'newMode', value: string): boolean {
  // Combined diffs write "mode a,b..c"; only ordinary modes are kept.
  if (MODE.test(value)) open.file[key] = value;
  return true;
}

function setName(open: OpenFile, status: 'renamed' | 'copied', key: 'oldPath' | 'newPath', value: string): boolean {
  const name = readName(value);
  if (name === null) return false;
  open.file.status = status;
  open.file[key] = name;
  refreshPath(open.file);
  return true;
}

/** `index abc123..def456[ 100644]`; combined diffs write `index a,b..c`. */
function readIndexLine(open: OpenFile, value: string): boolean {
  const dots = value.indexOf('..');
  if (dots <= 0) return false;
  const space = value.indexOf(' ', dots);
  const oldId = value.slice(0, dots);
  const newId = value.slice(dots + 2, space < 0 ? value.length : space);
  if (!/^[0-9a-f]{4,64}$/.test(newId) || !/^[0-9a-f,]{4,1000}$/.test(oldId)) return false;
  if (!oldId.includes(',')) open.file.oldBlob = oldId;
  open.file.newBlob = newId;
  const mode = space < 0 ? '' : value.slice(space + 1);
  if (MODE.test(mode)) {
    open.file.oldMode ??= mode;
    open.file.newMode ??= mode;
  }
  return true;
}

/** Applies one extended header line; false when the line is not one (the header has ended). */
export function readGitHeaderLine(open: OpenFile, line: string): boolean {
  for (const [prefix, handler] of HANDLERS) {
    if (line.startsWith(prefix)) return handler(open, line.slice(prefix.length));
  }
  return false;
}

/** Opens a file from `diff --git <names>`; names may be refined by later header lines. */
export function openGitFile(rest: string): OpenFile {
  const names = splitGitHeaderNames(rest);
  if (!names) return { file: newFileDiff(null, null), kind: 'git', prefixed: true, parents: 1 };
  const [oldPath, newPath, prefixed] = stripPrefixPair(names.oldName, names.newName);
  return { file: newFileDiff(oldPath, newPath), kind: 'git', prefixed, parents: 1 };
}

/** Opens a merge's file from `diff --cc <path>` / `diff --combined <path>` (no prefixes there). */
export function openCombinedFile(rest: string): OpenFile {
  const path = rest.startsWith('"') ? unquoteC(rest, 0)?.value ?? rest : rest;
  const file = newFileDiff(path, path);
  file.combined = true;
  return { file, kind: 'combined', prefixed: false, parents: 0 };
}

/**
 * A `---`/`+++` name inside a git diff: /dev/null marks creation or deletion; other names only
 * fill in what the `diff --git` line could not tell.
 */
export function applyGitSideName(open: OpenFile, side: 'old' | 'new', name: string): void {
  const f = open.file;
  if (name === DEV_NULL) {
    if (open.kind === 'combined') return;
    f.status = side === 'old' ? 'added' : 'deleted';
    if (side === 'old') f.oldPath = null;
    else f.newPath = null;
    refreshPath(f);
    return;
  }
  const key = side === 'old' ? 'oldPath' : 'newPath';
  if (f[key] === null && f.status !== (side === 'old' ? 'added' : 'deleted')) {
    f[key] = open.prefixed ? stripOne(name) : name;
    refreshPath(f);
  }
}

function stripOne(name: string): string {
  return name.length > 2 && name[1] === '/' ? name.slice(2) : name;
}

/** `Binary files a/x and b/y differ`: names come from here only when the header had none. */
export function readBinaryFilesLine(open: OpenFile, line: string): boolean {
  if (!line.startsWith('Binary files ') || !line.endsWith(' differ')) return false;
  open.file.binary = true;
  open.file.binaryPatch = false;
  const inner = line.slice('Binary files '.length, -' differ'.length);
  const and = inner.indexOf(' and ');
  if (and > 0) {
    applyGitSideName(open, 'old', inner.slice(0, and));
    applyGitSideName(open, 'new', inner.slice(and + 5));
  }
  return true;
}

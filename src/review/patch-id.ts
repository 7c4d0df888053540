// A patch-id in the spirit of `git patch-id --stable`: the same change gives the same id however it
// was rebased (line numbers and blob ids ignored) or re-whitespaced, so versions can be compared
// without a kernel tree.
import { createHash } from 'node:crypto';
import type { FileDiff } from '../diff/types.js';

function stripBlanks(s: string): string {
  return s.replace(/\s+/g, '');
}

/** The lines that identify one file's change: its paths, then every hunk line without blanks. */
export function fileIdentity(f: FileDiff): string[] {
  const out = [`${f.oldPath ?? '/dev/null'} ${f.newPath ?? '/dev/null'} ${f.status}`];
  if (f.binary) out.push(`binary ${f.oldBlob ?? ''} ${f.newBlob ?? ''}`);
  for (const h of f.hunks) {
    for (const l of h.lines) out.push((l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ') + stripBlanks(l.text));
  }
  return out;
}

/** Hex id of a patch's diff; files hashed separately and combined in path order (order-independent). */
export function patchId(files: FileDiff[]): string {
  const perFile = files
    .map((f) => ({ path: f.path, hash: createHash('sha1').update(fileIdentity(f).join('\n')).digest('hex') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.hash.localeCompare(b.hash)));
  return createHash('sha1')
    .update(perFile.map((x) => x.hash).join('\n'))
    .digest('hex');
}

// How git names a file in `--stat` and `--summary` output.
import { quoteC } from './cquote.js';
import type { FileDiff } from './types.js';

/**
 * A rename as git prints it: the common leading directories and the common trailing part
 * (from a `/` on) are written once, the differing middle as `{old => new}`.
 */
export function renameName(oldPath: string, newPath: string): string {
  const qa = quoteC(oldPath);
  const qb = quoteC(newPath);
  if (qa !== oldPath || qb !== newPath) return `${qa} => ${qb}`;

  let prefix = 0;
  for (let i = 0; i < oldPath.length && i < newPath.length && oldPath[i] === newPath[i]; i++) {
    if (oldPath[i] === '/') prefix = i + 1;
  }
  // The common suffix must start at a '/', and may reach back onto the prefix's closing slash.
  let suffix = 0;
  const floor = prefix > 0 ? prefix - 1 : 0;
  for (
    let a = oldPath.length - 1, b = newPath.length - 1;
    a >= floor && b >= floor && oldPath[a] === newPath[b];
    a--, b--
  ) {
    if (oldPath[a] === '/') suffix = oldPath.length - a;
  }
  const aMid = Math.max(0, oldPath.length - prefix - suffix);
  const bMid = Math.max(0, newPath.length - prefix - suffix);
  const mid = `${oldPath.substr(prefix, aMid)} => ${newPath.substr(prefix, bMid)}`;
  if (prefix + suffix === 0) return mid;
  return `${oldPath.slice(0, prefix)}{${mid}}${oldPath.slice(oldPath.length - suffix)}`;
}

/** The name shown for a file: `a/{x => y}` for renames and copies, the (quoted) path otherwise. */
export function statName(file: FileDiff): string {
  if ((file.status === 'renamed' || file.status === 'copied') && file.oldPath && file.newPath) {
    return renameName(file.oldPath, file.newPath);
  }
  return quoteC(file.path);
}

/** git's `--summary` lines for one file. */
export function summaryLines(file: FileDiff): string[] {
  const out: string[] = [];
  const name = quoteC(file.path);
  const modeChanged = file.oldMode && file.newMode && file.oldMode !== file.newMode;
  switch (file.status) {
    case 'added':
      out.push(file.newMode ? ` create mode ${file.newMode} ${name}` : ` create ${name}`);
      break;
    case 'deleted':
      out.push(file.oldMode ? ` delete mode ${file.oldMode} ${name}` : ` delete ${name}`);
      break;
    case 'renamed':
    case 'copied': {
      const verb = file.status === 'renamed' ? 'rename' : 'copy';
      const pct = file.similarity !== undefined ? ` (${file.similarity}%)` : '';
      out.push(` ${verb} ${statName(file)}${pct}`);
      if (modeChanged) out.push(` mode change ${file.oldMode} => ${file.newMode}`);
      break;
    }
    default:
      if (file.dissimilarity !== undefined) out.push(` rewrite ${name} (${file.dissimilarity}%)`);
      if (modeChanged) out.push(` mode change ${file.oldMode} => ${file.newMode} ${name}`);
  }
  return out;
}

// Loading MAINTAINERS from a path or text, and views of a kernel tree for the script's `-d`/`-f`.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadMaintainersText } from './parse.js';
import type { LoadOptions, LoadResult } from './types.js';

export type MaintainersSource = string | { path: string } | { text: string };

/** A string with a newline is MAINTAINERS text; any other string is a path. */
export function loadMaintainers(source: MaintainersSource, opts: LoadOptions = {}): LoadResult {
  let text: string;
  if (typeof source === 'string') text = source.includes('\n') ? source : readFileSync(source, 'utf8');
  else if ('path' in source) text = readFileSync(source.path, 'utf8');
  else text = source.text;
  return loadMaintainersText(text, opts);
}

export interface TreeView {
  /** For LoadOptions.directories: is this (converted) pattern value a directory of the tree? */
  isDirectory(path: string): boolean;
  /** For MatchOptions.readFile. */
  readFile(path: string): string | undefined;
}

const MAX_TREE_FILE = 1 << 20;

/** A kernel checkout on disk. */
export function treeFromDirectory(root: string): TreeView {
  return {
    isDirectory(path) {
      try {
        return statSync(join(root, path)).isDirectory();
      } catch {
        return false;
      }
    },
    readFile(path) {
      try {
        const full = join(root, path);
        if (statSync(full).size > MAX_TREE_FILE) return undefined;
        return readFileSync(full, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** A tree known by its file list (e.g. `git ls-files`), with optional file contents. */
export function treeFromListing(paths: Iterable<string>, contents: (path: string) => string | undefined = () => undefined): TreeView {
  const dirs = new Set<string>();
  for (const p of paths) {
    const clean = p.replace(/\/+$/, '');
    if (clean !== p) dirs.add(clean);
    for (let i = clean.indexOf('/'); i > 0; i = clean.indexOf('/', i + 1)) dirs.add(clean.slice(0, i));
  }
  return { isDirectory: (p) => dirs.has(p.replace(/\/+$/, '')), readFile: contents };
}

/**
 * What get_maintainer.pl sees when run at the top of a kernel tree: its MAINTAINERS, its .mailmap,
 * directories for plain F: values and, through `tree.readFile`, the .yaml files it scans.
 */
export function loadFromTree(root: string): LoadResult & { tree: TreeView } {
  const tree = treeFromDirectory(root);
  const mailmapPath = join(root, '.mailmap');
  const mailmap = existsSync(mailmapPath) ? readFileSync(mailmapPath, 'utf8') : undefined;
  const result = loadMaintainers({ path: join(root, 'MAINTAINERS') }, { directories: tree.isDirectory, mailmap });
  return { ...result, tree };
}

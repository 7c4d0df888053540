// The index for a command: opened (or created, or rebuilt) under the cache root, or null when it
// cannot be used here (read-only home, full disk): the command then reads its sources directly.
import type { Db } from './db.js';
import { discardIndexFile, indexPath, openIndex } from './db.js';

export function openIndexOrNull(cacheRoot: string, debug?: (msg: string) => void): Db | null {
  try {
    return openIndex(indexPath(cacheRoot));
  } catch (e) {
    debug?.(`index unavailable (${(e as Error).message}); reading sources directly`);
    return null;
  }
}

/** Set a damaged index aside: the next open starts a new one. */
export function discardIndex(cacheRoot: string): void {
  discardIndexFile(indexPath(cacheRoot));
}

// The on-disk cache: where it lives, safe file names for untrusted keys, atomic writes, a lock.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SourceError } from './read.js';

/** `$XDG_CACHE_HOME/lorescope`, else `~/.cache/lorescope` (XDG says to ignore a relative value). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache');
  return join(base, 'lorescope');
}

export function cacheDir(root: string, ...sub: string[]): string {
  const dir = join(root, ...sub);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new SourceError(`cannot create cache directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return dir;
}

export function shortHash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
}

/**
 * A file name for an untrusted key (a Message-ID, a path): a readable, sanitised prefix plus a hash of
 * the exact key, so two keys never share a name and no key can climb out of the directory.
 */
export function safeName(key: string, ...scope: string[]): string {
  const readable = key.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^\.+/, '_').slice(0, 80);
  return `${readable}.${shortHash(key, ...scope)}`;
}

/** Write through a temporary file and rename, so readers never see half a file. */
export function writeAtomic(path: string, data: Buffer | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take an exclusive lock file holding our pid; a lock left by a dead process is taken over. Waits up
 * to `waitMs` for a live holder, then fails with a one-line error.
 */
export async function acquireLock(path: string, what: string, waitMs = 30_000): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new SourceError(`cannot lock ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    let holder = NaN;
    let age = 0;
    try {
      holder = Number(readFileSync(path, 'utf8').trim());
      age = Date.now() - statSync(path).mtimeMs;
    } catch {
      continue; // released between our open and read
    }
    // An empty lock is one being written right now, unless it has been empty for a while.
    const unreadable = !Number.isInteger(holder) || holder <= 0;
    if ((unreadable && age > 10_000) || (!unreadable && !pidAlive(holder))) {
      try {
        unlinkSync(path);
      } catch {
        /* someone else took it over */
      }
      continue;
    }
    if (Date.now() > deadline) throw new SourceError(`${what} is being updated by another lorescope (pid ${holder}); try again later`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The on-disk index: one SQLite file (better-sqlite3) under the cache directory. It is a cache: a
// file of another schema, a damaged or truncated one is set aside and rebuilt, never trusted.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';
import { enableWal } from '../util/sqlite-wal.js';

export type Db = Database.Database;

export const INDEX_FILE = 'index.sqlite';

export function indexPath(cacheRoot: string): string {
  return join(cacheRoot, INDEX_FILE);
}

/** SQLite's answers that mean the file cannot be trusted: rebuild rather than fail. */
export function isDamage(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code === 'SQLITE_IOERR_SHORT_READ'
    || /malformed|not a database|file is not a database/i.test((e as Error).message ?? '');
}

function removeDb(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      unlinkSync(p);
    } catch {
      /* not there */
    }
  }
}

/** Set a damaged file aside (for a bug report) and start afresh. */
export function discardIndexFile(path: string): void {
  setAside(path);
}

function setAside(path: string): void {
  try {
    renameSync(path, `${path}.damaged`);
  } catch {
    /* gone already */
  }
  removeDb(path);
}

function configure(db: Db, busyMs: number): void {
  db.pragma(`busy_timeout = ${busyMs}`);
  enableWal(db, busyMs);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = FILE');
}

/** Whether the header's page count fits the file: a truncated file is caught before a query trips on it. */
function truncated(db: Db, path: string): boolean {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return statSync(path).size < pages * size && !existsSync(`${path}-wal`);
}

function init(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version !== 0) throw Object.assign(new Error(`index schema ${version}, expected ${SCHEMA_VERSION}`), { code: 'LORESCOPE_SCHEMA' });
  db.transaction(() => {
    // Another process may have created it while we waited for the write lock.
    if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return;
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

export interface OpenOptions {
  /** How long a writer waits for another process's write to end. */
  busyMs?: number;
}

/**
 * Open (or create) the index at `path`. Another schema or a damaged file is rebuilt; anything else
 * (a read-only disk, say) is thrown for the caller to report.
 */
export function openIndex(path: string, opts: OpenOptions = {}): Db {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    let db: Db | null = null;
    try {
      db = new Database(path);
      configure(db, opts.busyMs ?? 120_000);
      if (truncated(db, path)) throw Object.assign(new Error('index file is truncated'), { code: 'SQLITE_CORRUPT' });
      init(db);
      return db;
    } catch (e) {
      db?.close();
      const schema = (e as { code?: string }).code === 'LORESCOPE_SCHEMA';
      if (attempt > 0 || !(schema || isDamage(e))) throw e;
      if (schema) removeDb(path);
      else setAside(path);
    }
  }
}

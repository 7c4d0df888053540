// The embedded state database: one SQLite file (better-sqlite3), WAL so readers never wait for a
// writer, a busy timeout so two lorescope processes writing at once queue instead of failing, and
// BEGIN IMMEDIATE for writes so a transaction never has to upgrade a read lock (which WAL refuses).
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { enableWal } from '../util/sqlite-wal.js';
import { dirname } from 'node:path';
import { Queue, StateError, type Driver, type Row, type Tx } from './driver.js';

type Database = import('better-sqlite3').Database;

const BUSY_TIMEOUT_MS = 10_000;

function tx(db: Database): Tx {
  return {
    async all(sql, params = []) {
      return db.prepare(sql).all(...(params as unknown[])) as Row[];
    },
    async run(sql, params = []) {
      return db.prepare(sql).run(...(params as unknown[])).changes;
    },
  };
}

function busyMessage(e: unknown, file: string): Error {
  const code = (e as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY')) return new StateError(`${file}: the state database stayed locked by another lorescope for ${BUSY_TIMEOUT_MS / 1000} s`);
  if (code.startsWith('SQLITE_')) return new StateError(`${file}: ${(e as Error).message}`);
  return e as Error;
}

export async function openSqlite(file: string): Promise<Driver> {
  const { default: Sqlite } = await import('better-sqlite3');
  let db: Database;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const created = !existsSync(file);
    db = new Sqlite(file, { timeout: BUSY_TIMEOUT_MS });
    // Notes and states are a user's own work: readable by that user only.
    if (created) chmodSync(file, 0o600);
    enableWal(db, BUSY_TIMEOUT_MS);
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (e) {
    throw new StateError(`${file}: cannot open the state database: ${(e as Error).message}`);
  }
  const queue = new Queue();
  const t = tx(db);
  const inTx = <T>(begin: string, fn: (tx: Tx) => Promise<T>) => queue.run(async () => {
    try {
      db.exec(begin);
    } catch (e) {
      throw busyMessage(e, file);
    }
    try {
      const out = await fn(t);
      db.exec('COMMIT');
      return out;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw busyMessage(e, file);
    }
  });
  return {
    kind: 'sqlite',
    where: file,
    write: (fn) => inTx('BEGIN IMMEDIATE', fn),
    read: (fn) => inTx('BEGIN', fn),
    exclusive: (fn) => inTx('BEGIN IMMEDIATE', fn),
    close: () => queue.run(async () => { db.close(); }),
  };
}

// Switching a fresh SQLite file to WAL while another process opens it can fail with SQLITE_BUSY at
// once: SQLite does not call the busy handler for that change. The index and the state store both
// open shared files this way, so both wait here as they would for any other lock.
import type { Database } from 'better-sqlite3';

export function enableWal(db: Database, waitMs: number): void {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if (!String((e as { code?: string }).code ?? '').startsWith('SQLITE_BUSY') || Date.now() >= until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

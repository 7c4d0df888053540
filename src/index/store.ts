// Writing message rows: parsed envelopes in, rows and units out, in batches so that memory stays
// bounded however large the source is. The caller holds the write transaction.
import type { RawMessage } from '../model/mail.js';
import type { Db } from './db.js';
import { indexedRow, type IndexedRow, type Place } from './rows.js';
import { UnitBatch } from './units.js';
import { RowBatch } from './row-batch.js';

export interface SourceRow {
  id: number;
  path: string;
  kind: string;
  dev: string | null;
  ino: string | null;
  size: number | null;
  mtime: string | null;
  gz: number;
  mboxrd: number;
  tail: string | null;
  head: string | null;
  inbox: string | null;
  ord: number | null;
  next: number;
}

const BATCH = 20_000;

const COLUMNS = `source, seq, msgid, error, locator, start, off, len, sep, name, blob,
    date, from_email, from_name, title, version, minor, idx, total, reply, patch, change_id`;
/** Values of a row: one per column. */
const WIDTH = 22;
const VALUES = `(${Array(WIDTH).fill('?').join(', ')})`;
const insertOf = (rows: number) => `INSERT INTO messages (${COLUMNS}) VALUES ${Array(rows).fill(VALUES).join(', ')}`;
const ROWS_PER_INSERT = 64;

/**
 * Secondary indexes of `messages` cost more to keep up row by row than to build once: a batch larger
 * than what the table holds is inserted without them, and they are made again after.
 */
function withoutIndexes(db: Db): () => void {
  const defs = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const d of defs) db.exec(`DROP INDEX ${d.name}`);
  return () => { for (const d of defs) db.exec(d.sql); };
}

/** Rows held back for their units while the indexes are down; past this the indexes come back. */
const BULK_LIMIT = 200_000;

export async function insertIndexed(db: Db, source: number, rows: AsyncIterable<IndexedRow>, opts: { onProgress?: (n: number) => void } = {}): Promise<number> {
  const out = new RowBatch(db, WIDTH, ROWS_PER_INSERT, insertOf);
  // A first index (an empty table) is a bulk load.
  let restore = db.prepare('SELECT 1 FROM messages LIMIT 1').get() === undefined ? withoutIndexes(db) : null;
  let batch = new UnitBatch();
  let n = 0;
  const flush = () => {
    // Units look rows up by Message-ID: the rows and the indexes must be there by then.
    out.flush();
    if (!batch.size) return;
    batch.assign(db);
    batch = new UnitBatch();
  };
  try {
    for await (const r of rows) {
      out.add(source, r.seq, r.msgid, r.error, r.locator, r.start, r.off, r.len, r.sep, r.name, r.blob,
        r.date, r.fromEmail, r.fromName, r.title, r.version, r.minor, r.idx, r.total, r.reply, r.patch, r.changeId);
      batch.add(r);
      n++;
      if (restore && batch.size >= BULK_LIMIT) {
        out.flush();
        restore();
        restore = null;
      }
      if (!restore && batch.size >= BATCH) flush();
      if (opts.onProgress && n % 2000 === 0) opts.onProgress(n);
    }
    out.flush();
  } finally {
    restore?.();
  }
  flush();
  return n;
}

export async function insertRows(db: Db, source: number, messages: AsyncIterable<RawMessage & { place?: Place }>, onProgress?: (n: number) => void): Promise<number> {
  return insertIndexed(db, source, (async function* () {
    for await (const m of messages) yield indexedRow(m);
  })(), { onProgress });
}

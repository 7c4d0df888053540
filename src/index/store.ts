// Writing message rows: parsed envelopes in, rows and units out, in batches so that memory stays
// bounded however large the source is. The caller holds the write transaction.
import type { RawMessage } from '../model/mail.js';
import type { Db } from './db.js';
import { rowOf, type MessageRow } from './rows.js';
import { assignUnits } from './units.js';

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

/** Where a message's bytes are, beyond the mbox span a RawMessage carries. */
export interface Place {
  name?: string;
  blob?: string;
}

const BATCH = 20_000;

/** A message the envelope reader cannot read is the same error entry the pipeline would make. */
function safeRow(raw: RawMessage): MessageRow {
  try {
    return rowOf(raw);
  } catch (e) {
    return rowOf({ ...raw, error: `unreadable message: ${(e as Error).message}` });
  }
}

export async function insertRows(db: Db, source: number, messages: AsyncIterable<RawMessage & { place?: Place }>, onProgress?: (n: number) => void): Promise<number> {
  const insert = db.prepare(`INSERT INTO messages (source, seq, msgid, error, locator, start, off, len, sep, name, blob,
      date, from_email, from_name, title, version, minor, idx, total, reply, patch, change_id)
    VALUES (@source, @seq, @msgid, @error, @locator, @start, @off, @len, @sep, @name, @blob,
      @date, @fromEmail, @fromName, @title, @version, @minor, @idx, @total, @reply, @patch, @changeId)`);
  let batch: MessageRow[] = [];
  let n = 0;
  for await (const m of messages) {
    const row = safeRow(m);
    const { links: _links, ...cols } = row;
    insert.run({
      ...cols, source, seq: m.origin.index,
      start: m.span?.start ?? null, off: m.span?.offset ?? null, len: m.span?.length ?? null, sep: m.span ? (m.span.separator ? 1 : 0) : null,
      name: m.place?.name ?? null, blob: m.place?.blob ?? null,
    });
    batch.push(row);
    n++;
    if (batch.length >= BATCH) {
      assignUnits(db, batch);
      batch = [];
    }
    if (onProgress && n % 2000 === 0) onProgress(n);
  }
  if (batch.length) assignUnits(db, batch);
  return n;
}

// Indexing one mbox file (plain or gzip): unchanged (same inode, size and mtime) costs one stat and one
// query; a grown file whose old bytes are intact is read from its last message on (that message may
// have been cut short by a writer); anything else is read again from the start.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import type { RawMessage } from '../model/mail.js';
import { splitMbox } from '../sources/mbox.js';
import { fileChunks, isGzipFile, syncFileChunks } from '../sources/read.js';
import type { Db } from './db.js';
import { insertIndexed, insertRows, type SourceRow } from './store.js';
import { parallelRows } from './parallel.js';

export interface MboxIndexOptions {
  /** `--mboxrd`: force unescaping (otherwise detected from lore's first line). */
  mboxrd?: boolean;
  maxDecompressed?: number;
  maxMessageBytes?: number;
  onProgress?: (messages: number) => void;
  /** Read in this thread only (the fallback when a worker fails). */
  sequential?: boolean;
}

export type Refresh = 'unchanged' | 'appended' | 'indexed';

const TAIL = 4096;

/** `len` bytes of the file from `at` (fewer at its end). */
function readAt(path: string, at: number, len: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(len);
    return buf.subarray(0, readSync(fd, buf, 0, len, at));
  } finally {
    closeSync(fd);
  }
}

/** Hash of the bytes just before `end`: an append keeps them, a rewrite almost never does. */
function tailHash(path: string, end: number): string {
  const len = Math.min(TAIL, end);
  return createHash('sha1').update(readAt(path, end - len, len)).digest('hex');
}

const sameFile = (row: SourceRow, st: BigIntStats) => row.dev === String(st.dev) && row.ino === String(st.ino);
const unchanged = (row: SourceRow, st: BigIntStats) => sameFile(row, st) && row.size === Number(st.size) && row.mtime === String(st.mtimeNs);

export async function refreshMbox(db: Db, path: string, opts: MboxIndexOptions = {}): Promise<{ id: number; refresh: Refresh }> {
  const real = realpathSync(path);
  const lookup = db.prepare('SELECT * FROM sources WHERE path = ?');
  const forced = opts.mboxrd === true;
  const fresh = (row: SourceRow | undefined, st: BigIntStats) => row && unchanged(row, st) && (!forced || row.mboxrd === 1);
  let st = statSync(real, { bigint: true });
  const before = lookup.get(real) as SourceRow | undefined;
  if (before && fresh(before, st)) return { id: before.id, refresh: 'unchanged' };

  db.exec('BEGIN IMMEDIATE');
  try {
    st = statSync(real, { bigint: true });
    let row = lookup.get(real) as SourceRow | undefined;
    // Another process may have indexed it while we waited for the lock.
    if (row && fresh(row, st)) {
      db.exec('COMMIT');
      return { id: row.id, refresh: 'unchanged' };
    }
    const gz = isGzipFile(real);
    const size = Number(st.size);
    const append = !!row && !gz && row.gz === 0 && sameFile(row, st) && size > row.size! && (!forced || row.mboxrd === 1)
      && row.tail === tailHash(real, row.size!);
    if (!row) {
      db.prepare("INSERT INTO sources (path, kind) VALUES (?, 'mbox')").run(real);
      row = lookup.get(real) as SourceRow;
    }
    const id = row.id;
    let startIndex = 0;
    let base = 0;
    if (append) {
      // The last message is read again: it may have been half written when it was indexed.
      const last = db.prepare('SELECT seq, start FROM messages WHERE source = ? AND start IS NOT NULL ORDER BY seq DESC LIMIT 1').get(id) as { seq: number; start: number } | undefined;
      startIndex = last?.seq ?? 0;
      base = last?.start ?? 0;
      db.prepare('DELETE FROM messages WHERE source = ? AND seq >= ?').run(id, startIndex);
    } else {
      db.prepare('DELETE FROM messages WHERE source = ?').run(id);
    }
    const mboxrd = append ? row.mboxrd === 1 : opts.mboxrd;
    /** What the next refresh compares against; ends the transaction. */
    const record = (next: number, rd: boolean): void => {
      db.prepare('UPDATE sources SET dev = ?, ino = ?, size = ?, mtime = ?, gz = ?, mboxrd = ?, tail = ?, next = ? WHERE id = ?')
        .run(String(st.dev), String(st.ino), size, String(st.mtimeNs), gz ? 1 : 0, rd ? 1 : 0, gz ? null : tailHash(real, size), next, id);
      db.exec('COMMIT');
    };
    // A first read of a large plain file: a worker thread splits and reads half of it.
    if (!append && !gz && !opts.sequential) {
      const rd = mboxrd ?? readAt(real, 0, 11).toString('latin1') === 'From mboxrd';
      const parallel = parallelRows(real, path, size, rd, opts.maxMessageBytes);
      if (parallel) {
        let n: number;
        try {
          n = await insertIndexed(db, id, parallel.rows, { onProgress: opts.onProgress });
          parallel.settle(db, id);
        } catch (e) {
          // The worker could not do its half (a message too big for its heap, say): start again here.
          db.exec('ROLLBACK');
          if ((e as { code?: string }).code?.startsWith('SQLITE')) throw e;
          return refreshMbox(db, path, { ...opts, sequential: true });
        }
        record(n, rd);
        return { id, refresh: 'indexed' };
      }
    }
    let detected = mboxrd ?? false;
    let count = startIndex;
    // Each message is made a row before the next is split (insertRows): plain reads can share one buffer.
    const chunks = gz ? fileChunks(real, opts.maxDecompressed) : syncFileChunks(real, append ? base : 0, true);
    const messages = (async function* (): AsyncGenerator<RawMessage> {
      for await (const m of splitMbox(chunks, { source: path, mboxrd, maxMessageBytes: opts.maxMessageBytes, base, startIndex, quoted: true, transient: !gz })) {
        if (m.span) detected = m.span.mboxrd;
        count = m.origin.index + 1;
        yield m;
      }
    })();
    await insertRows(db, id, messages, opts.onProgress);
    record(count, detected);
    return { id, refresh: append ? 'appended' : 'indexed' };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

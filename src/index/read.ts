// Reading messages back by their place in the index: a span of an mbox file (pread; gzip streams are
// read forward once), a maildir file. The bytes are exactly those splitting the source would give.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { RawMessage } from '../model/mail.js';
import { messageBytes } from '../sources/mbox.js';
import { fileChunks, SourceError } from '../sources/read.js';
import { CatFile } from '../sources/public-inbox-catfile.js';
import { missingBlobError } from '../sources/public-inbox-errors.js';

export interface StoredRow {
  seq: number;
  msgid: string | null;
  error: string | null;
  locator: string | null;
  off: number | null;
  len: number | null;
  sep: number | null;
  name: string | null;
  blob: string | null;
}

export interface ReadSource {
  /** The path as the user gave it: what errors and origins name. */
  label: string;
  real: string;
  kind: 'mbox' | 'maildir' | 'epoch';
  gz: boolean;
  mboxrd: boolean;
  maxDecompressed?: number;
  /** Epochs: the inbox they belong to (its real path). */
  inbox?: string;
}

const origin = (src: ReadSource, r: StoredRow, index = r.seq) => ({ source: src.label, index, locator: r.locator ?? undefined });

function errorEntry(src: ReadSource, r: StoredRow): RawMessage {
  return { bytes: Buffer.alloc(0), origin: origin(src, r), error: r.error ?? 'message not indexed' };
}

/** Plain mbox: one positioned read per message. */
function* fromFile(src: ReadSource, rows: StoredRow[]): Generator<RawMessage> {
  const fd = openSync(src.real, 'r');
  try {
    for (const r of rows) {
      if (r.error !== null || r.off === null || r.len === null) { yield errorEntry(src, r); continue; }
      const stored = Buffer.allocUnsafe(r.len);
      const n = readSync(fd, stored, 0, r.len, r.off);
      if (n !== r.len) { yield { ...errorEntry(src, r), error: `the file is shorter than the index says (${src.real}); run again to re-index` }; continue; }
      yield { bytes: messageBytes(stored, r.sep === 1, src.mboxrd), origin: origin(src, r) };
    }
  } finally {
    closeSync(fd);
  }
}

/** Gzip: decompress once, forward, cutting out the spans (rows come in file order). */
async function* fromGzip(src: ReadSource, rows: StoredRow[]): AsyncGenerator<RawMessage> {
  let buf: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let bufStart = 0;
  let i = 0;
  for await (const chunk of fileChunks(src.real, src.maxDecompressed)) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (; i < rows.length; i++) {
      const r = rows[i];
      if (r.error !== null || r.off === null || r.len === null) { yield errorEntry(src, r); continue; }
      if (r.off + r.len > bufStart + buf.length) break;
      const stored = Buffer.from(buf.subarray(r.off - bufStart, r.off - bufStart + r.len));
      yield { bytes: messageBytes(stored, r.sep === 1, src.mboxrd), origin: origin(src, r) };
    }
    if (i >= rows.length) return;
    // Drop what no later span needs.
    const cut = Math.min(Math.max(0, (rows[i].off ?? bufStart) - bufStart), buf.length);
    buf = buf.subarray(cut);
    bufStart += cut;
  }
  for (; i < rows.length; i++) {
    const r = rows[i];
    yield r.error !== null ? errorEntry(src, r) : { ...errorEntry(src, r), error: `the file is shorter than the index says (${src.real}); run again to re-index` };
  }
}

/** Maildir: one file per message; `index` is its place in the sorted listing, as reading the directory gives. */
function* fromMaildir(src: ReadSource, rows: StoredRow[], indexOf: (r: StoredRow) => number): Generator<RawMessage> {
  for (const r of rows) {
    if (r.error !== null || r.name === null) { yield { ...errorEntry(src, r), origin: origin(src, r, indexOf(r)) }; continue; }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(src.real, r.name));
    } catch (e) {
      yield { ...errorEntry(src, r), origin: origin(src, r, indexOf(r)), error: `${r.name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      continue;
    }
    yield { bytes, origin: origin(src, r, indexOf(r)) };
  }
}

/** A public-inbox epoch: the rows' blobs through one `git cat-file --batch`. */
async function* fromEpoch(src: ReadSource, rows: StoredRow[], indexOf: (r: StoredRow) => number): AsyncGenerator<RawMessage> {
  const wanted = rows.filter((r) => r.error === null && r.blob !== null);
  const cat = new CatFile(src.real);
  for (const r of wanted) cat.request(r.blob!);
  cat.end();
  const blobs = cat.blobs()[Symbol.asyncIterator]();
  let batch: (Buffer | null)[] = [];
  let at = 0;
  try {
    for (const r of rows) {
      const o = origin(src, r, indexOf(r));
      if (r.error !== null || r.blob === null) { yield { bytes: Buffer.alloc(0), origin: o, error: r.error ?? 'message not indexed' }; continue; }
      while (at >= batch.length) {
        const next = await blobs.next();
        if (next.done) throw new SourceError(`${src.real}: git cat-file ended early`);
        batch = next.value;
        at = 0;
      }
      const bytes = batch[at++];
      // Gone since it was indexed (a repack without it): the same entry reading the mirror gives.
      if (bytes === null) yield { bytes: Buffer.alloc(0), origin: o, error: missingBlobError(r.locator?.split(' ').pop() ?? '?', r.blob) };
      else yield { bytes, origin: o };
    }
  } finally {
    cat.kill();
  }
}

export async function* readRows(src: ReadSource, rows: StoredRow[], indexOf?: (r: StoredRow) => number): AsyncGenerator<RawMessage> {
  if (src.kind === 'epoch') yield* fromEpoch(src, rows, indexOf ?? ((r) => r.seq));
  else if (src.kind === 'maildir') yield* fromMaildir(src, rows, indexOf ?? ((r) => r.seq));
  else if (src.gz) yield* fromGzip(src, rows);
  else yield* fromFile(src, rows);
}

// The local copy of an inbox: per epoch, an append-only log of the messages read so far plus a state
// file saying how far each epoch was read. Records are length-prefixed (`OID COMMIT LENGTH\n` then the
// bytes), so messages come back byte for byte, with no mbox quoting to undo. A message whose blob the
// repository lacks is a record `OID COMMIT missing\n`: it keeps its place, and later runs report it
// again (or read the epoch anew once the blob is there).
import { closeSync, ftruncateSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './cache.js';
import { SourceError } from './read.js';

/** 2: logs may hold `missing` records. */
export const STATE_FORMAT = 2;

export interface EpochState {
  /** Last commit read. */
  head: string;
  /** Length of the epoch's log covering everything up to `head`. */
  bytes: number;
  /** Messages (add records) in the log. */
  count: number;
  /** Deletions: [number of this epoch's add records before it, blob id deleted]. */
  dels: [number, string][];
  /** Blobs of this epoch's log that the repository lacked when they were read. */
  missing?: string[];
}

export interface InboxState {
  format: number;
  inbox: string;
  epochs: Record<string, EpochState>;
}

export interface LogRecord {
  oid: string;
  commit: string;
  bytes: Buffer;
  /** The repository lacked the blob: `bytes` is empty and the message could not be read. */
  missing?: boolean;
}

export const statePath = (dir: string) => join(dir, 'state.json');
export const logPath = (dir: string, epoch: string) => join(dir, `epoch-${epoch.replace(/[^A-Za-z0-9]/g, '_')}.log`);

function validEpoch(e: unknown): e is EpochState {
  const s = e as EpochState;
  return !!s && typeof s.head === 'string' && Number.isSafeInteger(s.bytes) && Number.isSafeInteger(s.count) && Array.isArray(s.dels)
    && (s.missing === undefined || (Array.isArray(s.missing) && s.missing.every((o) => typeof o === 'string')));
}

/** The saved state, or an empty one when it is missing, unreadable, of another format or another inbox. */
export function loadState(dir: string, inbox: string): InboxState {
  const empty: InboxState = { format: STATE_FORMAT, inbox, epochs: {} };
  let parsed: InboxState;
  try {
    parsed = JSON.parse(readFileSync(statePath(dir), 'utf8')) as InboxState;
  } catch {
    return empty;
  }
  if (parsed?.format !== STATE_FORMAT || parsed.inbox !== inbox || typeof parsed.epochs !== 'object' || !parsed.epochs) return empty;
  for (const [k, v] of Object.entries(parsed.epochs)) if (!validEpoch(v)) delete parsed.epochs[k];
  return parsed;
}

export function saveState(dir: string, state: InboxState): void {
  writeAtomic(statePath(dir), JSON.stringify(state));
}

/**
 * Make the log exactly `bytes` long: a longer one holds records of an interrupted run (cut off), a
 * shorter one was damaged (false: read the epoch again).
 */
export function trimLog(path: string, bytes: number): boolean {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    return bytes === 0;
  }
  if (size < bytes) return false;
  if (size > bytes) {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
  }
  return true;
}

/** Appends records in ~1 MiB writes. */
export class LogWriter {
  private fd: number;
  private pending: Buffer[] = [];
  private pendingLen = 0;
  written = 0;

  constructor(path: string, truncate: boolean) {
    this.fd = openSync(path, truncate ? 'w' : 'a', 0o600);
  }

  add(oid: string, commit: string, bytes: Buffer): void {
    const head = Buffer.from(`${oid} ${commit} ${bytes.length}\n`, 'latin1');
    this.pending.push(head, bytes);
    this.pendingLen += head.length + bytes.length;
    if (this.pendingLen >= 1 << 20) this.flush();
  }

  addMissing(oid: string, commit: string): void {
    const head = Buffer.from(`${oid} ${commit} missing\n`, 'latin1');
    this.pending.push(head);
    this.pendingLen += head.length;
  }

  flush(): void {
    if (!this.pendingLen) return;
    const buf = Buffer.concat(this.pending, this.pendingLen);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.written += buf.length;
    this.pending = [];
    this.pendingLen = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}

const CHUNK = 1 << 20;
const MAX_HEAD = 200;

/** The records in the first `limit` bytes of a log. Buffers are fresh per read, so slices may be kept. */
export function* readLog(path: string, limit: number): Generator<LogRecord> {
  if (limit === 0) return;
  const damaged = (why: string) => new SourceError(`${path}: damaged cache (${why}); run again with --refresh`);
  const fd = openSync(path, 'r');
  try {
    let pos = 0;
    let buf: Buffer = Buffer.alloc(0);
    let off = 0;
    const fill = (want: number): boolean => {
      // Keep the unread tail and read on until `want` bytes are available or the limit is reached.
      while (buf.length - off < want && pos < limit) {
        const n = Math.min(Math.max(CHUNK, want), limit - pos);
        const next = Buffer.allocUnsafe(buf.length - off + n);
        buf.copy(next, 0, off);
        const got = readSync(fd, next, buf.length - off, n, pos);
        if (got <= 0) break;
        pos += got;
        buf = next.subarray(0, buf.length - off + got);
        off = 0;
      }
      return buf.length - off >= want;
    };
    while (fill(1)) {
      let nl = buf.indexOf(0x0a, off);
      if (nl < 0 || nl - off > MAX_HEAD) {
        fill(MAX_HEAD);
        nl = buf.indexOf(0x0a, off);
        if (nl < 0 || nl - off > MAX_HEAD) throw damaged('bad record header');
      }
      const [oid, commit, len] = buf.toString('latin1', off, nl).split(' ');
      if (oid && commit && len === 'missing') {
        off = nl + 1;
        yield { oid, commit, bytes: EMPTY, missing: true };
        continue;
      }
      const n = Number(len);
      if (!oid || !commit || !Number.isSafeInteger(n) || n < 0) throw damaged('bad record header');
      off = nl + 1;
      if (!fill(n)) throw damaged('short record');
      const bytes = buf.subarray(off, off + n);
      off += n;
      yield { oid, commit, bytes };
    }
  } finally {
    closeSync(fd);
  }
}

const EMPTY = Buffer.alloc(0);

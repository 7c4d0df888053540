// Streaming mbox splitter: bytes in, one RawMessage per message out, memory bounded by one message.
import type { RawMessage } from '../model/mail.js';

const FROM = Buffer.from('From ');
const NL = 0x0a;

/**
 * The first newline at or after `from` followed by "From ": the only places a separator can start
 * after the first line. Searched as "From " and the byte before it: V8 scans a short needle from its
 * first byte, and a newline starts every line while an "F" is rare (the archive: 100 against 75 ms).
 */
function nextFromLine(buf: Buffer, from: number): number {
  let p = buf.indexOf(FROM, from + 1);
  while (p >= 0 && buf[p - 1] !== NL) p = buf.indexOf(FROM, p + 1);
  return p < 0 ? -1 : p - 1;
}

/** A separator is "From " at a line start followed by a sender token and a date-ish tail. */
export function isFromLine(line: Buffer): boolean {
  if (line.length < 7 || line.compare(FROM, 0, 5, 0, 5) !== 0) return false;
  const sp = line.indexOf(0x20, 5);
  if (sp <= 5) return false;
  // Every mbox writer (git, mutt, public-inbox, Python) puts a time "hh:mm" or a year after the sender.
  const tail = line.subarray(sp + 1, Math.min(line.length, sp + 80)).toString('latin1');
  return /\d:\d\d|\d{4}/.test(tail);
}

/** Undo mboxrd quoting: ">From " → "From ", ">>From " → ">From " (lore serves mboxrd). */
export function unescapeMboxrd(msg: Buffer): Buffer {
  if (msg.indexOf('>From ') < 0) return msg;
  const out: Buffer[] = [];
  let start = 0;
  let pos = 0;
  while (pos < msg.length) {
    let end = msg.indexOf(NL, pos);
    if (end < 0) end = msg.length;
    let q = pos;
    while (q < end && msg[q] === 0x3e) q++;
    if (q > pos && msg.compare(FROM, 0, 5, q, Math.min(q + 5, end)) === 0) {
      out.push(msg.subarray(start, pos));
      start = pos + 1;
    }
    pos = end + 1;
  }
  out.push(msg.subarray(start));
  return Buffer.concat(out);
}

export interface MboxOptions {
  source: string;
  /** Force mboxrd unescaping; by default it is detected from a `From mboxrd@z` first line. */
  mboxrd?: boolean;
  /** Largest message accepted; a bigger one is yielded as an error entry without its bytes. */
  maxMessageBytes?: number;
  /** Where the stream starts in the file (reading an appended tail): added to every offset. */
  base?: number;
  /** The index of the stream's first message in the file (reading an appended tail). */
  startIndex?: number;
  /**
   * Leave mboxrd quoting in the bytes (the span still says mboxrd): for a reader that looks only at
   * headers and line starts, which `>From ` quoting does not change, and spares a scan per message.
   */
  quoted?: boolean;
  /**
   * The chunks are overwritten once the next is asked for (one reused read buffer), and each message
   * is done with before the next is: what a message straddling two chunks kept of the first is copied.
   */
  transient?: boolean;
}

/** Real patch mail is kilobytes; lore refuses messages far below this. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Split an mbox stream. Text before the first separator (a bare message, e.g. a single .eml or a
 * patch without a From line) is treated as a message of its own. Separators are found with
 * Buffer.indexOf on "\nFrom ", so the cost is one scan of the bytes, not one object per line.
 */
export async function* splitMbox(chunks: AsyncIterable<Buffer>, opts: MboxOptions): AsyncGenerator<RawMessage> {
  // The bytes of the last, incomplete line of the previous chunk: always starts at a line start,
  // unless `midLine` says an endless line was already counted against the message.
  let carry: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let midLine = false;
  let parts: Buffer[] = [];
  let partsLen = 0;
  let index = opts.startIndex ?? 0;
  /** Stream offset of the first byte of `buf` in the current round. */
  let consumed = opts.base ?? 0;
  let msgOffset = opts.base ?? 0;
  /** Stream offset of the message's first byte after its separator line. */
  let bodyOffset = opts.base ?? 0;
  let mboxrd = opts.mboxrd ?? false;
  let sawSeparator = false;
  let first = true;
  const max = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  // Bytes of the current message dropped for being over the limit (0 while it is within it).
  let dropped = 0;

  const keep = (b: Buffer) => {
    if (!b.length) return;
    if (dropped) { dropped += b.length; return; }
    parts.push(b);
    partsLen += b.length;
    if (partsLen > max) {
      dropped = partsLen;
      parts = [];
      partsLen = 0;
    }
  };

  const finish = (): RawMessage | null => {
    const origin = { source: opts.source, index: index, locator: `byte ${msgOffset}` };
    if (dropped) {
      const size = dropped;
      dropped = 0;
      index++;
      return { bytes: Buffer.alloc(0), origin, error: `message of ${size} bytes exceeds the limit of ${max} bytes; skipped` };
    }
    const stored: Buffer<ArrayBufferLike> = parts.length === 1 ? parts[0] : Buffer.concat(parts, partsLen);
    parts = [];
    partsLen = 0;
    const bytes = messageBytes(stored, sawSeparator, mboxrd && !opts.quoted);
    if (isBlank(bytes)) return null;
    index++;
    // No copy: every message is kept, so the chunks it points into would be kept anyway.
    return { bytes, origin, span: { start: msgOffset, offset: bodyOffset, length: stored.length, separator: sawSeparator, mboxrd, ...(mboxrd && opts.quoted ? { quoted: true } : {}) } };
  };

  /** A separator line from `at` to `lineEnd` (its newline) of `buf`; returns the offset after it. */
  const separator = (buf: Buffer, at: number, lineEnd: number): number => {
    if (first && at === 0 && buf.subarray(0, 11).toString('latin1') === 'From mboxrd' && opts.mboxrd === undefined) mboxrd = true;
    sawSeparator = true;
    msgOffset = consumed + at;
    bodyOffset = consumed + lineEnd + 1;
    return lineEnd + 1;
  };

  /** Transient chunks: what is kept of this one past it is copied before the next overwrites it. */
  const ownChunk = () => {
    if (!opts.transient) return;
    if (parts.length) parts = [Buffer.concat(parts, partsLen)];
    if (carry.length) carry = Buffer.from(carry);
  };

  for await (const chunk of chunks) {
    if (!chunk.length) continue;
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    // Only complete lines are examined; the partial last line waits for the next chunk.
    const lastNl = buf.lastIndexOf(NL);
    if (lastNl < 0) {
      // One endless line: count it against the message rather than buffering it without bound.
      if (buf.length > max) { keep(buf); carry = Buffer.alloc(0); consumed += buf.length; first = false; midLine = true; } else carry = buf;
      ownChunk();
      continue;
    }
    let msgStart = 0;
    // Every line start of `buf`: offset 0 (carry begins a line), then each byte after a newline.
    let at = midLine ? buf.indexOf(NL) + 1 : 0;
    midLine = false;
    while (at <= lastNl) {
      const lineEnd = buf.indexOf(NL, at);
      if (buf[at] === 0x46 /* F */ && isFromLine(buf.subarray(at, lineEnd + 1)) && (first ? at === 0 : true)) {
        if (at > msgStart || partsLen || dropped) {
          keep(buf.subarray(msgStart, at));
          const msg = finish();
          if (msg) yield msg;
        }
        msgStart = separator(buf, at, lineEnd);
      }
      first = false;
      const next = nextFromLine(buf, lineEnd);
      if (next < 0 || next >= lastNl) break;
      at = next + 1;
    }
    first = false;
    if (lastNl + 1 > msgStart) keep(buf.subarray(msgStart, lastNl + 1));
    consumed += lastNl + 1;
    carry = buf.subarray(lastNl + 1);
    ownChunk();
  }
  if (carry.length) {
    if (first && isFromLine(carry)) {
      // A file holding nothing but a separator line.
    } else if (!midLine && isFromLine(carry)) {
      // A separator line without a newline at the very end: it ends the message before it.
      if (partsLen || dropped) {
        const msg = finish();
        if (msg) yield msg;
      }
      return;
    } else {
      keep(carry);
    }
  }
  if (partsLen || dropped) {
    const last = finish();
    if (last) yield last;
  }
}

/**
 * A message's bytes as stored in the mbox (after its separator line) → the message: the blank line
 * an mbox writer puts before the next separator belongs to the file, not the mail; mboxrd quoting
 * is undone. Re-reading a message by its span gives the same bytes through this function.
 */
export function messageBytes(stored: Buffer, afterSeparator: boolean, mboxrd: boolean): Buffer {
  let bytes = stored;
  if (afterSeparator && bytes.length >= 2 && bytes[bytes.length - 1] === NL && bytes[bytes.length - 2] === NL) {
    bytes = bytes.subarray(0, bytes.length - 1);
  } else if (afterSeparator && bytes.length >= 3 && bytes[bytes.length - 1] === NL && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 3] === NL) {
    bytes = bytes.subarray(0, bytes.length - 2);
  }
  return mboxrd ? unescapeMboxrd(bytes) : bytes;
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

// Streaming mbox splitter: bytes in, one RawMessage per message out, memory bounded by one message.
import type { RawMessage } from '../model/mail.js';

const FROM = Buffer.from('From ');
const NL = 0x0a;

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
}

/** Real patch mail is kilobytes; lore refuses messages far below this. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Split an mbox stream. Text before the first separator (a bare message, e.g. a single .eml or a
 * patch without a From line) is treated as a message of its own. Separators are found with
 * Buffer.indexOf on "\nFrom ", so the cost is one scan of the bytes, not one object per line.
 */
export async function* splitMbox(chunks: AsyncIterable<Buffer>, opts: MboxOptions): AsyncGenerator<RawMessage> {
  let carry: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let parts: Buffer[] = [];
  let partsLen = 0;
  let index = 0;
  let consumed = 0;
  let msgOffset = 0;
  let mboxrd = opts.mboxrd ?? false;
  let sawSeparator = false;
  let first = true;
  const max = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  // Bytes of the current message dropped for being over the limit (0 while it is within it).
  let dropped = 0;

  const keep = (b: Buffer) => {
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
    if (dropped) {
      const size = dropped;
      dropped = 0;
      return {
        bytes: Buffer.alloc(0),
        origin: { source: opts.source, index: index++, locator: `byte ${msgOffset}` },
        error: `message of ${size} bytes exceeds the limit of ${max} bytes; skipped`,
      };
    }
    let bytes: Buffer<ArrayBufferLike> = parts.length === 1 ? parts[0] : Buffer.concat(parts, partsLen);
    parts = [];
    partsLen = 0;
    // The blank line an mbox writer puts before the next separator belongs to the file, not the mail.
    if (sawSeparator && bytes.length >= 2 && bytes[bytes.length - 1] === NL && bytes[bytes.length - 2] === NL) {
      bytes = bytes.subarray(0, bytes.length - 1);
    } else if (sawSeparator && bytes.length >= 3 && bytes[bytes.length - 1] === NL && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 3] === NL) {
      bytes = bytes.subarray(0, bytes.length - 2);
    }
    if (mboxrd) bytes = unescapeMboxrd(bytes);
    if (isBlank(bytes)) return null;
    // No copy: every message is kept, so the chunks it points into would be kept anyway.
    return { bytes, origin: { source: opts.source, index: index++, locator: `byte ${msgOffset}` } };
  };

  /** Handle a separator line starting at `at` in `buf`; returns the offset after that line. */
  const separator = (buf: Buffer, at: number, lineEnd: number): number => {
    if (first && at === 0 && buf.subarray(0, 11).toString('latin1') === 'From mboxrd' && opts.mboxrd === undefined) mboxrd = true;
    sawSeparator = true;
    msgOffset = consumed + at;
    return lineEnd + 1;
  };

  for await (const chunk of chunks) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    // Only complete lines are examined; the partial last line waits for the next chunk.
    const lastNl = buf.lastIndexOf(NL);
    if (lastNl < 0) {
      // One endless line: count it against the message rather than buffering it without bound.
      if (buf.length > max) { keep(buf); carry = Buffer.alloc(0); consumed += buf.length; first = false; } else carry = buf;
      continue;
    }
    let msgStart = 0;
    let pos = 0;
    if (first) {
      const lineEnd = buf.indexOf(NL);
      if (isFromLine(buf.subarray(0, lineEnd + 1))) msgStart = separator(buf, 0, lineEnd);
      first = false;
      pos = msgStart;
    }
    for (;;) {
      const hit = buf.indexOf('\nFrom ', pos > 0 ? pos - 1 : 0);
      if (hit < 0 || hit >= lastNl) break;
      const at = hit + 1;
      const lineEnd = buf.indexOf(NL, at);
      if (lineEnd < 0) break;
      pos = lineEnd + 1;
      if (!isFromLine(buf.subarray(at, lineEnd + 1))) continue;
      if (at > msgStart || partsLen || dropped) {
        keep(buf.subarray(msgStart, at));
        const msg = finish();
        if (msg) yield msg;
      }
      msgStart = separator(buf, at, lineEnd);
    }
    if (lastNl + 1 > msgStart) keep(buf.subarray(msgStart, lastNl + 1));
    consumed += lastNl + 1;
    carry = buf.subarray(lastNl + 1);
  }
  if (carry.length) {
    if (first && isFromLine(carry)) {
      // A file holding nothing but a separator line.
    } else {
      keep(carry);
    }
  }
  if (partsLen || dropped) {
    const last = finish();
    if (last) yield last;
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

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
  /** Largest message accepted; bigger ones are reported by the caller. */
  maxMessageBytes?: number;
}

/**
 * Split an mbox stream. Text before the first separator (a bare message, e.g. a single .eml or a
 * patch without a From line) is treated as a message of its own.
 */
export async function* splitMbox(chunks: AsyncIterable<Buffer>, opts: MboxOptions): AsyncGenerator<RawMessage> {
  let carry: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let current: Buffer[] = [];
  let currentLen = 0;
  let index = 0;
  let offset = 0;
  let msgOffset = 0;
  let started = false;
  let mboxrd = opts.mboxrd ?? false;
  let sawSeparator = false;

  const finish = (): RawMessage | null => {
    if (!started) return null;
    let bytes: Buffer<ArrayBufferLike> = Buffer.concat(current, currentLen);
    current = [];
    currentLen = 0;
    // The blank line an mbox writer puts before the next separator belongs to the file, not the mail.
    if (sawSeparator && bytes.length >= 2 && bytes[bytes.length - 1] === NL && bytes[bytes.length - 2] === NL) {
      bytes = bytes.subarray(0, bytes.length - 1);
    } else if (sawSeparator && bytes.length >= 3 && bytes.subarray(bytes.length - 3).toString('latin1') === '\n\r\n') {
      bytes = bytes.subarray(0, bytes.length - 2);
    }
    if (mboxrd) bytes = unescapeMboxrd(bytes);
    if (isBlank(bytes)) return null;
    return { bytes: Buffer.from(bytes), origin: { source: opts.source, index: index++, locator: `byte ${msgOffset}` } };
  };

  const line = (l: Buffer, lineOffset: number): RawMessage | null => {
    if (isFromLine(l)) {
      const done = finish();
      if (lineOffset === 0 && l.subarray(0, 11).toString('latin1') === 'From mboxrd' && opts.mboxrd === undefined) mboxrd = true;
      sawSeparator = true;
      started = true;
      msgOffset = lineOffset;
      return done;
    }
    if (!started) { started = true; msgOffset = lineOffset; }
    current.push(l);
    currentLen += l.length;
    return null;
  };

  for await (const chunk of chunks) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(NL, pos);
      if (nl < 0) break;
      const msg = line(buf.subarray(pos, nl + 1), offset + pos);
      if (msg) yield msg;
      pos = nl + 1;
    }
    offset += pos;
    carry = Buffer.from(buf.subarray(pos));
  }
  if (carry.length) {
    const msg = line(carry, offset);
    if (msg) yield msg;
  }
  const last = finish();
  if (last) yield last;
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

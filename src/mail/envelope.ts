// What the index keeps of a message, read without parsing it all: the ids that thread it, subject,
// sender, date, and whether it carries a patch. Every value is the one parseMail gives (a test checks
// it on every corpus message), but only these headers are looked at and plain bodies are not decoded.
import { createHash } from 'node:crypto';
import type { Address } from '../model/mail.js';
import { decodeWords, fixRaw8bit, headerEnd, isBlank } from './headers.js';
import { parseAddresses } from './addresses.js';
import { extractIds, parseMail } from './parse.js';
import { bytesLookLikePatch } from './patch-bytes.js';
import { parseContentType, transferDecode } from './mime.js';

export interface Envelope {
  msgid: string;
  synthesizedId: boolean;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  /** null when the caller said it does not need it (EnvelopeOptions.wantsFrom). */
  from: Address | null;
  /** Milliseconds since the epoch, or null when there is no usable Date. */
  date: number | null;
  hasPatch: boolean;
}

const WANTED_NAMES = ['message-id', 'in-reply-to', 'references', 'subject', 'from', 'date', 'content-type', 'content-transfer-encoding'];
const WANTED_BYTES = WANTED_NAMES.map((n) => Buffer.from(n, 'latin1'));
/** Whether a line's first byte can start a wanted name (a table: this is asked of every header line). */
const INITIAL = new Uint8Array(256);
for (const n of WANTED_NAMES) INITIAL[n.charCodeAt(0)] = INITIAL[n.toUpperCase().charCodeAt(0)] = 1;

/** parseHeaderBlock's test for a `Name: value` line at pos..end of the bytes: the colon's offset or -1. */
function headerLine(buf: Buffer, pos: number, end: number): number {
  // A loop, not Buffer.indexOf: names are a few bytes, and a native call per line cost more.
  const stop = Math.min(end, pos + 201);
  for (let i = pos; i < stop; i++) {
    const c = buf[i];
    if (c === 0x3a) return i > pos ? i : -1;
    if (c <= 0x20) return -1;
  }
  return -1;
}

/**
 * The wanted header named by buf[pos..colon), compared without case and without making a string:
 * most lines are Received/DKIM/ARC lines that are none of them. The name has no byte <= 0x20, so
 * OR-ing 0x20 folds only letters onto the lower-case names ('-' is 0x2d either way).
 */
function wantedName(buf: Buffer, pos: number, colon: number): string | null {
  const len = colon - pos;
  for (let w = 0; w < WANTED_BYTES.length; w++) {
    const want = WANTED_BYTES[w];
    if (want.length !== len) continue;
    let i = 0;
    while (i < len && (buf[pos + i] | 0x20) === want[i]) i++;
    if (i === len) return WANTED_NAMES[w];
  }
  return null;
}

/** buf[from..to) as latin1 with leading and trailing blanks (space, tab) left out. */
function trimmed(buf: Buffer, from: number, to: number): string {
  while (from < to && isBlank(buf[from])) from++;
  while (to > from && isBlank(buf[to - 1])) to--;
  return buf.toString('latin1', from, to);
}

/**
 * The first value of each wanted header, unfolded the way parseHeaderBlock unfolds it, read from
 * the bytes: real headers are kilobytes of Received/DKIM/ARC lines that need not become strings.
 */
function wantedHeaders(buf: Buffer, limit: number): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null; // the wanted header the continuation lines belong to
  let pos = 0;
  while (pos < limit) {
    let eol = buf.indexOf(0x0a, pos);
    if (eol < 0 || eol > limit) eol = limit;
    let end = eol;
    if (end > pos && buf[end - 1] === 0x0d) end--;
    if (end > pos) {
      const first = buf[pos];
      if (first === 0x20 || first === 0x09) {
        if (current !== null) {
          const v = trimmed(buf, pos, end);
          if (v) out.set(current, out.get(current) + ' ' + v);
        }
      } else if (INITIAL[first] === 1) {
        // A malformed line is skipped; continuations after it still belong to the last good header.
        const colon = headerLine(buf, pos, end);
        if (colon >= 0) {
          const name = wantedName(buf, pos, colon);
          if (name !== null && !out.has(name)) {
            out.set(name, trimmed(buf, colon + 1, end));
            current = name;
          } else current = null;
        }
      } else if (current !== null && headerLine(buf, pos, end) >= 0) current = null;
      // Every wanted header found and the last one ended: the rest cannot change a value.
      if (current === null && out.size === WANTED_NAMES.length) break;
    }
    pos = eol + 1;
  }
  return out;
}

/** Charsets whose bytes are ASCII for ASCII text: a diff marker reads the same before decoding. */
function asciiCompatible(charset: string | undefined): boolean {
  const cs = (charset ?? '').trim().toLowerCase();
  return !/^(utf-?(16|32)|ucs-?[24]|iso-2022|hz|utf-?7)/.test(cs);
}

export interface EnvelopeOptions {
  /**
   * Whether the caller needs `hasPatch` for a message of this subject (default: always). The body is
   * most of the bytes; a caller that only cares for new threads skips it for replies (false then).
   */
  wantsPatch?: (subject: string) => boolean;
  /**
   * Whether the caller needs `from` for a message of this subject and patch (default: always). The
   * index keeps the sender only of messages that may head a series; the rest are most of a list.
   */
  wantsFrom?: (subject: string, hasPatch: boolean) => boolean;
}

/** Whether the body carries a patch, as parseMail would say, decoding only what it must. */
function patchIn(raw: Buffer, bodyOffset: number, h: Map<string, string>): boolean {
  const ct = parseContentType(h.get('content-type'));
  const cte = (h.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  const plain = ct.type === 'text/plain' && asciiCompatible(ct.params.charset);
  // The common case: a plain body whose diff markers are visible in the bytes as they are.
  if (plain && (cte === '' || cte === '7bit' || cte === '8bit' || cte === 'binary')) return bytesLookLikePatch(raw, bodyOffset);
  // A single encoded text part: its decoded bytes, as parseMail decodes them, without the rest.
  if (plain && (cte === 'quoted-printable' || cte === 'base64')) return bytesLookLikePatch(transferDecode(raw.subarray(bodyOffset), cte));
  return parseMail({ bytes: raw, origin: { source: '', index: 0 } }).mail.hasPatch;
}

export function readEnvelope(raw: Buffer, opts: EnvelopeOptions = {}): Envelope {
  const { end, bodyOffset } = headerEnd(raw);
  const h = wantedHeaders(raw, end);
  const rawId = h.get('message-id');
  let msgid = extractIds(rawId)[0];
  if (!msgid && rawId && /^\S{1,995}$/.test(rawId.trim())) msgid = rawId.trim();
  let synthesizedId = false;
  if (!msgid) {
    msgid = `lorescope-${createHash('sha1').update(raw).digest('hex').slice(0, 20)}@synthesized`;
    synthesizedId = true;
  }
  const subject = decodeWords(fixRaw8bit(h.get('subject') ?? '')).replace(/\s+/g, ' ').trim();
  const dateRaw = h.get('date') ?? '';
  let date: number | null = null;
  if (dateRaw) {
    const t = Date.parse(dateRaw.replace(/\s*\([^)]*\)\s*$/, ''));
    if (Number.isFinite(t) && t > -62135596800000 && t < 253402300799000) date = t;
  }
  const hasPatch = opts.wantsPatch && !opts.wantsPatch(subject) ? false : patchIn(raw, bodyOffset, h);
  let from: Address | null = null;
  if (!opts.wantsFrom || opts.wantsFrom(subject, hasPatch)) {
    const fromRaw = h.get('from');
    from = parseAddresses(fromRaw ? fixRaw8bit(fromRaw) : undefined)[0] ?? { name: '', email: '' };
  }
  return {
    msgid, synthesizedId,
    inReplyTo: extractIds(h.get('in-reply-to'))[0] ?? null,
    references: extractIds(h.get('references')),
    subject, from, date, hasPatch,
  };
}

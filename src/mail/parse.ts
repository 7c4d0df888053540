// RawMessage → Mail: headers decoded, body text found, patch text kept exact (after transfer decoding).
import { createHash } from 'node:crypto';
import type { Address, HeaderField, Mail, RawMessage } from '../model/mail.js';
import { decodeWords, fixRaw8bit, getHeader, headerEnd, parseHeaderBlock } from './headers.js';
import { charsetDecode, leafParts, type MimePart } from './mime.js';
import { parseAddresses } from './addresses.js';

export interface ParseResult {
  mail: Mail;
  warnings: string[];
}

const MIME_HEADERS = new Set(['content-type', 'content-transfer-encoding', 'content-disposition']);
const MAX_REFERENCES = 500;
const MAX_ID = 995;

/** JS's \s, by char code. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The `<id>` tokens of a header value: what matching /<([^<>\s]{1,995})>/g gives, found with
 * indexOf and a scan instead (References headers run to hundreds of ids, on every message).
 */
export function extractIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  const n = value.length;
  for (let p = value.indexOf('<'); p >= 0;) {
    let j = p + 1;
    while (j < n && j - p <= MAX_ID + 1) {
      const c = value.charCodeAt(j);
      if (c === 0x3c || c === 0x3e || isSpace(c)) break;
      j++;
    }
    if (j - p - 1 >= 1 && j - p - 1 <= MAX_ID && value.charCodeAt(j) === 0x3e) {
      ids.push(value.slice(p + 1, j));
      if (ids.length >= MAX_REFERENCES) break;
      p = value.indexOf('<', j + 1);
    } else p = value.indexOf('<', p + 1);
  }
  return ids;
}

/** A diff in text: git's, a plain unified diff, or an `Index:` (CVS/quilt) diff. */
export function looksLikePatch(text: string): boolean {
  if (/^diff --(git|cc|combined) /m.test(text)) return true;
  return /^--- \S/m.test(text) && /^\+\+\+ \S/m.test(text) && /^@@+ -\d/m.test(text);
}

function partText(p: MimePart): string {
  return charsetDecode(p.bytes, p.contentType.params.charset);
}

function isAttachment(p: MimePart): boolean {
  return p.disposition === 'attachment';
}

function pickBody(parts: MimePart[]): { body: string; patch: string | null; flowed: boolean } {
  const textParts = parts.filter((p) => p.contentType.type === 'text/plain' && !isAttachment(p));
  const main = textParts[0] ?? parts.find((p) => p.contentType.type.startsWith('text/')) ?? null;
  const body = main ? partText(main) : '';
  const flowed = main ? (main.contentType.params.format ?? '').toLowerCase() === 'flowed' : false;
  if (looksLikePatch(body)) return { body, patch: body, flowed };
  for (const p of parts) {
    if (p === main) continue;
    const t = p.contentType.type;
    const name = p.filename ?? '';
    const candidate = t.startsWith('text/') || /\.(patch|diff)$/i.test(name) || t === 'application/octet-stream';
    if (!candidate) continue;
    const text = partText(p);
    if (looksLikePatch(text)) return { body, patch: text, flowed };
  }
  return { body, patch: null, flowed };
}

function syntheticId(raw: Buffer): string {
  return `lorescope-${createHash('sha1').update(raw).digest('hex').slice(0, 20)}@synthesized`;
}

interface DecodedBody {
  body: string;
  patch: string | null;
  flowed: boolean;
}

/** Transfer- and charset-decode the body; never throws. */
function decodeBody(raw: Buffer, headers: HeaderField[], bodyOffset: number, warnings?: string[]): DecodedBody {
  let parts: MimePart[];
  try {
    parts = leafParts(headers, raw.subarray(bodyOffset));
  } catch (e) {
    warnings?.push(`MIME structure unreadable (${(e as Error).message}); body read as plain text`);
    parts = [];
  }
  if (parts.length) return pickBody(parts);
  const body = raw.subarray(bodyOffset).toString('utf8');
  return { body, patch: looksLikePatch(body) ? body : null, flowed: false };
}

/**
 * A parsed message whose body is decoded from the raw bytes each time it is asked for. Bodies are
 * most of a mailbox's size; keeping them only as the bytes we hold anyway, rather than as a second
 * copy in JS strings, keeps a 100k-message mbox cheap for the garbage collector.
 */
class ParsedMail implements Mail {
  private toList: Address[] | null = null;
  private ccList: Address[] | null = null;

  constructor(
    readonly msgid: string,
    readonly synthesizedId: boolean,
    readonly from: Address,
    readonly subject: string,
    readonly date: Date | null,
    readonly dateRaw: string,
    readonly inReplyTo: string | null,
    readonly references: string[],
    readonly flowed: boolean,
    readonly raw: Buffer,
    readonly origin: RawMessage['origin'],
    private readonly headerEndAt: number,
    private readonly bodyOffset: number,
    readonly hasPatch: boolean,
    private readonly toRaw: string | undefined,
    private readonly ccRaw: string | undefined,
    /** Content-Type, Content-Transfer-Encoding, Content-Disposition: all that body decoding reads. */
    private readonly mimeHeaders: HeaderField[],
  ) {}

  get headers(): HeaderField[] {
    return parseHeaderBlock(this.raw.subarray(0, this.headerEndAt).toString('latin1')).headers;
  }
  get to(): Address[] {
    return (this.toList ??= parseAddresses(this.toRaw));
  }
  set to(v: Address[]) {
    this.toList = v;
  }
  get cc(): Address[] {
    return (this.ccList ??= parseAddresses(this.ccRaw));
  }
  set cc(v: Address[]) {
    this.ccList = v;
  }
  get body(): string {
    return decodeBody(this.raw, this.mimeHeaders, this.bodyOffset).body;
  }
  get patch(): string | null {
    return this.hasPatch ? decodeBody(this.raw, this.mimeHeaders, this.bodyOffset).patch : null;
  }
}

/** Parse one message. Never throws on bad input: problems come back as warnings. */
export function parseMail(raw: RawMessage): ParseResult {
  const warnings: string[] = [];
  const { end, bodyOffset } = headerEnd(raw.bytes);
  const { headers, bad } = parseHeaderBlock(raw.bytes.subarray(0, end).toString('latin1'));
  if (bad.length) warnings.push(`ignored ${bad.length} malformed header line(s), first: "${bad[0]}"`);
  if (headers.length === 0) warnings.push('no headers');

  const hdr = (name: string) => getHeader(headers, name);
  const rawId = hdr('message-id');
  let msgid = extractIds(rawId)[0];
  if (!msgid && rawId && /^\S{1,995}$/.test(rawId.trim())) msgid = rawId.trim();
  let synthesizedId = false;
  if (!msgid) {
    msgid = syntheticId(raw.bytes);
    synthesizedId = true;
    warnings.push(rawId === undefined ? 'no Message-ID; using a synthesised id' : 'unusable Message-ID; using a synthesised id');
  }

  const subject = decodeWords(fixRaw8bit(hdr('subject') ?? '')).replace(/\s+/g, ' ').trim();
  const fromList = parseAddresses(hdr('from') ? fixRaw8bit(hdr('from')!) : undefined);
  const from = fromList[0] ?? { name: '', email: '' };
  if (!from.email) warnings.push('no usable From address');
  const dateRaw = hdr('date') ?? '';
  let date: Date | null = null;
  if (dateRaw) {
    const t = Date.parse(dateRaw.replace(/\s*\([^)]*\)\s*$/, ''));
    if (Number.isFinite(t) && t > -62135596800000 && t < 253402300799000) date = new Date(t);
    else warnings.push(`unparsable Date "${dateRaw.slice(0, 60)}"`);
  }
  const inReplyTo = extractIds(hdr('in-reply-to'))[0] ?? null;
  const references = extractIds(hdr('references'));
  // Decoded once here to learn what the message carries; the text itself is not kept (see ParsedMail).
  const decoded = decodeBody(raw.bytes, headers, bodyOffset, warnings);

  const mail = new ParsedMail(
    msgid, synthesizedId, from, subject, date, dateRaw, inReplyTo, references, decoded.flowed,
    raw.bytes, raw.origin, end, bodyOffset, decoded.patch !== null, hdr('to'), hdr('cc'),
    headers.filter((h) => MIME_HEADERS.has(h.name.toLowerCase())),
  );
  return { mail, warnings };
}

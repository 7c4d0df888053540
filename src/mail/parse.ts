// RawMessage → Mail: headers decoded, body text found, patch text kept exact (after transfer decoding).
import { createHash } from 'node:crypto';
import type { Mail, RawMessage } from '../model/mail.js';
import { decodeWords, fixRaw8bit, getHeader, headerEnd, parseHeaderBlock } from './headers.js';
import { charsetDecode, leafParts, type MimePart } from './mime.js';
import { parseAddresses } from './addresses.js';

export interface ParseResult {
  mail: Mail;
  warnings: string[];
}

const MSGID_TOKEN = /<([^<>\s]{1,995})>/g;
const MAX_REFERENCES = 500;

export function extractIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const m of value.matchAll(MSGID_TOKEN)) {
    ids.push(m[1]);
    if (ids.length >= MAX_REFERENCES) break;
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

  let parts: MimePart[];
  try {
    parts = leafParts(headers, raw.bytes.subarray(bodyOffset));
  } catch (e) {
    warnings.push(`MIME structure unreadable (${(e as Error).message}); body read as plain text`);
    parts = [];
  }
  const { body, patch, flowed } = parts.length
    ? pickBody(parts)
    : { body: raw.bytes.subarray(bodyOffset).toString('utf8'), patch: null, flowed: false };

  const mail: Mail = {
    msgid,
    synthesizedId,
    from,
    to: [],
    cc: [],
    subject,
    date,
    dateRaw,
    inReplyTo,
    references,
    headers,
    body,
    patch: patch ?? (looksLikePatch(body) ? body : null),
    flowed,
    raw: raw.bytes,
    origin: raw.origin,
  };
  lazyAddresses(mail, 'to', hdr('to'));
  lazyAddresses(mail, 'cc', hdr('cc'));
  return { mail, warnings };
}

/** To/Cc lists of kernel mail run to 70 addresses; parse them only when someone asks. */
function lazyAddresses(mail: Mail, key: 'to' | 'cc', value: string | undefined): void {
  if (!value) return;
  let cached: Mail['to'] | null = null;
  Object.defineProperty(mail, key, {
    enumerable: true,
    configurable: true,
    get: () => (cached ??= parseAddresses(value)),
    set: (v: Mail['to']) => { cached = v; },
  });
}

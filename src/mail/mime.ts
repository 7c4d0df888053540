// Minimal MIME walking on raw bytes: find the text part and the patch part without re-encoding anything.
import { iconvLib } from './charset-libs.js';
import { decode as qpDecode } from 'libqp';
import { getHeader, headerEnd, parseHeaderBlock } from './headers.js';
import type { HeaderField } from '../model/mail.js';

export interface ContentType {
  type: string;
  params: Record<string, string>;
}

export function parseContentType(value: string | undefined): ContentType {
  if (!value) return { type: 'text/plain', params: {} };
  const parts = value.split(';');
  const type = parts[0].trim().toLowerCase() || 'text/plain';
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let val = p.slice(eq + 1).trim();
    if (val.startsWith('"')) val = val.slice(1, val.endsWith('"') && val.length > 1 ? -1 : undefined);
    if (key && !(key in params)) params[key] = val;
  }
  return { type, params };
}

export function transferDecode(body: Buffer, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') return qpDecode(body);
  return body;
}

/** Decode text in a declared charset; unknown or broken charsets fall back to UTF-8, then latin1. */
export function charsetDecode(bytes: Buffer, charset: string | undefined): string {
  let cs = (charset ?? '').trim().toLowerCase();
  if (!cs || cs === 'us-ascii' || cs === 'ascii' || cs === 'utf8' || cs === 'unknown-8bit' || cs === 'x-unknown') cs = 'utf-8';
  if (cs === 'utf-8') return bytes.toString('utf8');
  // iconv-lite's ISO-8859-1 is Buffer's latin1, byte for byte (C1 controls included).
  if (cs === 'iso-8859-1' || cs === 'latin1') return bytes.toString('latin1');
  try {
    const iconv = iconvLib();
    if (iconv.encodingExists(cs)) return iconv.decode(bytes, cs);
  } catch {
    /* fall through */
  }
  return bytes.toString('utf8');
}

export interface MimePart {
  headers: HeaderField[];
  contentType: ContentType;
  /** Transfer-decoded bytes of a leaf part. */
  bytes: Buffer;
  filename: string | null;
  disposition: string | null;
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;

/** Leaf parts of a message in document order (a non-multipart message is its own single leaf). */
export function leafParts(headers: HeaderField[], body: Buffer, depth = 0, out: MimePart[] = []): MimePart[] {
  const ct = parseContentType(getHeader(headers, 'content-type'));
  const boundary = ct.params.boundary;
  if (ct.type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    for (const chunk of splitMultipart(body, boundary)) {
      if (out.length >= MAX_PARTS) break;
      const { end, bodyOffset } = headerEnd(chunk);
      const { headers: ph } = parseHeaderBlock(chunk.subarray(0, end).toString('latin1'));
      leafParts(ph, chunk.subarray(bodyOffset), depth + 1, out);
    }
    return out;
  }
  const disp = getHeader(headers, 'content-disposition');
  const dispCt = parseContentType(disp);
  out.push({
    headers,
    contentType: ct,
    bytes: transferDecode(body, getHeader(headers, 'content-transfer-encoding')),
    filename: dispCt.params.filename ?? ct.params.name ?? null,
    disposition: disp ? dispCt.type : null,
  });
  return out;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delim = Buffer.from('--' + boundary);
  const parts: Buffer[] = [];
  let pos = 0;
  let start = -1;
  while (pos <= body.length) {
    const idx = body.indexOf(delim, pos);
    if (idx < 0) break;
    const atLineStart = idx === 0 || body[idx - 1] === 0x0a;
    if (!atLineStart) { pos = idx + delim.length; continue; }
    if (start >= 0) {
      // The CRLF/LF before the delimiter belongs to the delimiter.
      let end = idx;
      if (body[end - 1] === 0x0a) end--;
      if (body[end - 1] === 0x0d) end--;
      parts.push(body.subarray(start, end));
    }
    const after = idx + delim.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts;
    const nl = body.indexOf(0x0a, after);
    if (nl < 0) break;
    start = nl + 1;
    pos = start;
  }
  if (start >= 0 && start < body.length) parts.push(body.subarray(start));
  return parts;
}

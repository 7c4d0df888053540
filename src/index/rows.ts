// One message → the values of its index row, plus the ids it threads by (kept only while its unit is
// worked out). Mail is untrusted: every text column is bounded.
import type { RawMessage } from '../model/mail.js';
import { readEnvelope } from '../mail/envelope.js';
import { unescapeMboxrd } from '../sources/mbox.js';
import { parseSubject } from '../series/subject.js';
import { authorKeys } from '../review/lineage-evidence.js';
import type { Address } from '../model/mail.js';

/** Where a message's bytes are, beyond the mbox span a RawMessage carries. */
export interface Place {
  name?: string;
  blob?: string;
}

export interface MessageRow {
  msgid: string | null;
  error: string | null;
  locator: string | null;
  date: number | null;
  /** fromEmail, fromName, title: null unless the row may head a series (see schema.ts). */
  fromEmail: string | null;
  fromName: string | null;
  title: string | null;
  version: number | null;
  minor: number | null;
  idx: number | null;
  total: number | null;
  reply: number;
  /** Carries a patch; 0 for every reply (whose bodies are not looked through). */
  patch: number;
  changeId: string | null;
  /** In-Reply-To and References: what links this message to others (not stored). */
  links: string[];
}

/** A message as the index stores it: plain data, so a worker thread can make it. */
export interface IndexedRow extends MessageRow {
  seq: number;
  start: number | null;
  off: number | null;
  len: number | null;
  sep: number | null;
  name: string | null;
  blob: string | null;
}

const MAX_TEXT = 2000;
const cut = (s: string) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

/** The key lorescope's version links use for a title: lower case, blanks folded. */
export function titleKey(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The name key version lineage matches authors by (a full name, affiliation dropped), if any. */
function nameKeyOf(a: Address): string | null {
  const k = authorKeys(a).find((x) => x.startsWith('name:'));
  return k ? cut(k.slice(5)) : null;
}

const CHANGE_ID = /^change-id:[ \t]*(\S+)[ \t]*\r?$/m;

/** A `change-id:` line as series assembly reads it, found in the bytes (plain bodies only). */
function changeIdOf(bytes: Buffer): string | null {
  const at = bytes.indexOf('change-id:');
  if (at < 0) return null;
  const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
  const lineEnd = bytes.indexOf(0x0a, at);
  const m = CHANGE_ID.exec(bytes.toString('latin1', lineStart, lineEnd < 0 ? bytes.length : lineEnd + 1));
  return m ? cut(m[1]) : null;
}

type Located = RawMessage & { place?: Place };

/**
 * The row of a message the envelope reader cannot read, or of an error entry: the same error entry
 * the pipeline would make. Every row is made by one object literal: rows are made by the ten
 * thousand, and spreading one object into another cost more than reading the envelope.
 */
function errorRow(m: Located, error: string): IndexedRow {
  const sp = m.span;
  return {
    msgid: null, error, locator: m.origin.locator ?? null, date: null, fromEmail: null, fromName: null, title: null,
    version: null, minor: null, idx: null, total: null, reply: 0, patch: 0, changeId: null, links: [],
    seq: m.origin.index, start: sp?.start ?? null, off: sp?.offset ?? null, len: sp?.length ?? null, sep: sp ? (sp.separator ? 1 : 0) : null,
    name: m.place?.name ?? null, blob: m.place?.blob ?? null,
  };
}

function readRow(m: Located): IndexedRow {
  // Whether a message carries a patch matters only where it may start a series: not for replies,
  // which are most of a list and whose bodies (quoted patches) are the costliest to look through.
  let parsed: ReturnType<typeof parseSubject> | undefined;
  // Sender and title are read only by queries over series heads (units.ts, load.ts: reply = 0 AND
  // (patch = 1 OR idx = 0)); the other rows, two thirds of a list, leave them null.
  const opts = {
    wantsPatch: (subject: string) => !(parsed ??= parseSubject(subject)).isReply,
    wantsFrom: (_subject: string, hasPatch: boolean) => !parsed!.isReply && (hasPatch || parsed!.index === 0),
  };
  let env = readEnvelope(m.bytes, opts);
  // A synthesised id hashes the message as stored: read quoted (see MboxOptions.quoted), it must be unquoted first.
  if (env.synthesizedId && m.span?.quoted) env = readEnvelope(unescapeMboxrd(m.bytes), opts);
  const s = parsed!;
  const from = env.from; // null unless the message may head a series (wantsFrom)
  const links = env.references;
  if (env.inReplyTo) links.unshift(env.inReplyTo);
  const sp = m.span;
  return {
    msgid: env.msgid,
    error: null,
    locator: m.origin.locator ?? null,
    date: env.date,
    fromEmail: from ? cut(from.email.toLowerCase()) : null,
    fromName: from ? nameKeyOf(from) : null,
    title: from ? cut(titleKey(s.title)) : null,
    version: s.version,
    minor: s.minor,
    idx: s.index,
    total: s.total,
    reply: s.isReply ? 1 : 0,
    patch: env.hasPatch ? 1 : 0,
    changeId: from ? changeIdOf(m.bytes) : null,
    links,
    seq: m.origin.index, start: sp?.start ?? null, off: sp?.offset ?? null, len: sp?.length ?? null, sep: sp ? (sp.separator ? 1 : 0) : null,
    name: m.place?.name ?? null, blob: m.place?.blob ?? null,
  };
}

export function indexedRow(m: Located): IndexedRow {
  if (m.error) return errorRow(m, m.error);
  try {
    return readRow(m);
  } catch (e) {
    return errorRow(m, `unreadable message: ${(e as Error).message}`);
  }
}

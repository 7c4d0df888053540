// One message → the values of its index row, plus the ids it threads by (kept only while its unit is
// worked out). Mail is untrusted: every text column is bounded.
import type { RawMessage } from '../model/mail.js';
import { readEnvelope } from '../mail/envelope.js';
import { parseSubject } from '../series/subject.js';
import { authorKeys } from '../review/lineage-evidence.js';
import type { Address } from '../model/mail.js';

export interface MessageRow {
  msgid: string | null;
  error: string | null;
  locator: string | null;
  date: number | null;
  fromEmail: string | null;
  fromName: string | null;
  title: string | null;
  version: number | null;
  minor: number | null;
  idx: number | null;
  total: number | null;
  reply: number;
  patch: number;
  changeId: string | null;
  /** In-Reply-To and References: what links this message to others (not stored). */
  links: string[];
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

export function rowOf(raw: RawMessage): MessageRow {
  const locator = raw.origin.locator ?? null;
  if (raw.error) {
    return { msgid: null, error: raw.error, locator, date: null, fromEmail: null, fromName: null, title: null, version: null, minor: null, idx: null, total: null, reply: 0, patch: 0, changeId: null, links: [] };
  }
  const env = readEnvelope(raw.bytes);
  const s = parseSubject(env.subject);
  const seriesHead = !s.isReply && (env.hasPatch || s.index === 0);
  return {
    msgid: env.msgid,
    error: null,
    locator,
    date: env.date,
    fromEmail: cut(env.from.email.toLowerCase()),
    fromName: nameKeyOf(env.from),
    title: cut(titleKey(s.title)),
    version: s.version,
    minor: s.minor,
    idx: s.index,
    total: s.total,
    reply: s.isReply ? 1 : 0,
    patch: env.hasPatch ? 1 : 0,
    changeId: seriesHead ? changeIdOf(raw.bytes) : null,
    links: [...(env.inReplyTo ? [env.inReplyTo] : []), ...env.references],
  };
}

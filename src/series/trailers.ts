// Trailers (`Reviewed-by: Name <addr> # for the mm parts`) as b4 reads them: from the last paragraph
// of a commit message, and from the unquoted lines of review replies.
import type { Address } from '../model/mail.js';

export type TrailerKind = 'person' | 'utility' | 'unknown';

export interface ParsedTrailer {
  name: string;
  /** The value as b4 re-emits it: as written, without a trailing `# ...` annotation. */
  value: string;
  person: Address | null;
  /** The annotation, trimmed: "# for the mm parts", "[for the cgroup bits]", "(Documentation)". */
  scope: string | null;
  /** b4's "extinfo": a `# ...` tail with its leading blanks, or a whole `[...]` next line, as written. */
  extinfo?: string;
  kind: TrailerKind;
}

/** Lines that look like trailers but are contact details or series metadata. */
const IGNORED = new Set(['phone', 'mail', 'email', 'e-mail', 'prerequisite-message-id']);
/** In-body headers: only trailers while nothing else came before them. */
const HEADERS = new Set(['subject', 'date', 'from']);
const LINKS = new Set(['link', 'buglink', 'closes']);
const NONPERSON = new Set([...LINKS, 'fixes', 'subject', 'date', 'obsoleted-by', 'change-id', 'base-commit']);
const UTILITY = new Set(['fixes', 'link', 'buglink', 'closes', 'obsoleted-by', 'message-id', 'change-id', 'base-commit', 'based-on']);
/** Patch metadata that repliers quote or restate: never a reviewer's trailer. */
const NOT_FROM_REPLIES = new Set(['from', 'author', 'cc', 'to', 'date', 'subject', 'subscribe', 'unsubscribe', 'base-commit', 'change-id']);

const MAX_LINE = 2000;

/** b4's `\S+@\S+\.\S+` test, in one pass: some word has `x@y.z` in it. */
function hasEmail(text: string): boolean {
  for (const word of text.split(/\s+/)) {
    const at = word.indexOf('@', 1);
    if (at > 0 && word.lastIndexOf('.') > at + 1 && word.lastIndexOf('.') < word.length - 1) return true;
  }
  return false;
}
const FIXES_VALUE = /^[0-9a-f]{7,64}(\s|$)/i;
const WORD_START = /^[\p{L}\p{N}_]/u;

/** b4's `^\s*(\w\S+):\s+(\S.*)` without a backtracking regex: the colon ends the first token. */
function splitTrailerLine(line: string): { name: string; value: string } | null {
  if (line.length > MAX_LINE) return null;
  const start = line.length - line.trimStart().length;
  let end = start;
  while (end < line.length && !/\s/.test(line[end])) end++;
  if (end - start < 3 || line[end - 1] !== ':' || end >= line.length) return null;
  const name = line.slice(start, end - 1);
  if (!WORD_START.test(name)) return null;
  const value = line.slice(end).replace(/^\s+/, '');
  return value ? { name, value } : null;
}

/** Split a `# comment` tail off a value the way b4 does: `(.*\S+)(\s+#[^#]+)$`. */
function splitHashInfo(value: string): { value: string; extinfo?: string } {
  const hash = value.lastIndexOf('#');
  if (hash < 0 || hash === value.length - 1) return { value };
  let ws = hash;
  while (ws > 0 && /\s/.test(value[ws - 1])) ws--;
  if (ws === hash || ws === 0) return { value };
  return { value: value.slice(0, ws), extinfo: value.slice(ws) };
}

/** Name and address of a person value: `Name <addr>`, `"Last, First" <addr>`, `<addr>` or `addr`. */
export function parsePerson(value: string): Address | null {
  const lt = value.indexOf('<');
  const gt = lt >= 0 ? value.indexOf('>', lt) : -1;
  if (lt >= 0 && gt > lt) {
    const email = value.slice(lt + 1, gt).trim();
    if (email.includes('@')) return { name: value.slice(0, lt).trim().replace(/^"(.*)"$/, '$1'), email };
  }
  const bare = value.split(/\s+/).find((w) => w.includes('@'));
  return bare ? { name: '', email: bare.replace(/^[<(]+|[>),;.]+$/g, '') } : null;
}

function kindOf(lname: string, value: string): TrailerKind {
  if (UTILITY.has(lname) || value.includes('://')) return 'utility';
  return value.length <= MAX_LINE && hasEmail(value) ? 'person' : 'unknown';
}

/** What follows the address of a person value on the same line, e.g. "(Documentation)". */
function tailAfterAddress(value: string, person: Address): string | null {
  const gt = value.indexOf('>');
  const at = gt >= 0 ? gt + 1 : value.indexOf(person.email) + person.email.length;
  const tail = value.slice(at).trim();
  return tail || null;
}

export function makeTrailer(name: string, rawValue: string, extinfo?: string): ParsedTrailer {
  let value = rawValue;
  const kind = kindOf(name.toLowerCase(), value);
  let person: Address | null = null;
  if (kind === 'person') {
    // Mail clients that back-convert HTML leave `<mailto:...>` behind.
    value = value.replace(/<mailto:[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    if (/^<[^<>\s]+>$/.test(value)) value = value.slice(1, -1);
    // b4 re-emits a person as `Name <addr>` from the parsed address: `Chen Ridong<x@y>` gains its space.
    const glued = /^([^<>"]*[^<>"\s])<([^<>\s]+@[^<>\s]+>.*)$/.exec(value);
    if (glued) value = `${glued[1]} <${glued[2]}`;
    person = parsePerson(value);
  }
  const scope = extinfo?.trim() || (person ? tailAfterAddress(value, person) : null);
  const t: ParsedTrailer = { name, value, person, scope, kind };
  if (extinfo !== undefined) t.extinfo = extinfo;
  return t;
}

/** Join trailers that mail clients wrapped: `Fixes: abc (\"subject` + `rest\")`, `Signed-off-by: Name` + `<addr>`. */
function unwrap(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (next !== undefined && line.length <= MAX_LINE) {
      const fixes = /^\S+:\s+[\da-f]+\s+\([^)]*$/.test(line) && /^.+\)/.test(next);
      const person = /^\S+:\s+[^<]+$/.test(line) && /^<[^>]+>$/.test(next);
      if (fixes || person) {
        out.push(`${line} ${next}`);
        i++;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * b4's find_trailers: every `Name: value` line is a trailer, other lines are returned as `others`.
 * In follow-up mode (a reply), only values with an address, or known link/fix trailers, count.
 */
export function findTrailers(body: string, followup: boolean): { trailers: ParsedTrailer[]; others: string[] } {
  const sig = body.indexOf('\n-- \n');
  const text = (sig >= 0 ? body.slice(0, sig) : body).trim() + '\n';
  const trailers: ParsedTrailer[] = [];
  const others: string[] = [];
  let wasTrailer = false;
  for (let line of unwrap(text.split('\n'))) {
    line = line.replace(/\r/g, '');
    const m = splitTrailerLine(line);
    if (m) {
      const lname = m.name.toLowerCase();
      if (IGNORED.has(lname)) continue;
      if (others.length && HEADERS.has(lname)) continue;
      if (followup) {
        // eslint-disable-next-line no-control-regex
        if (!/^[\x00-\x7f]*$/.test(lname)) continue;
        if (!hasEmail(m.value) && !NONPERSON.has(lname)) continue;
        if (/https?:\/\//.test(m.value) && !LINKS.has(lname)) continue;
        // "Fixes: ?" is a question, not a trailer.
        if (lname === 'fixes' && !FIXES_VALUE.test(m.value)) continue;
      }
      const { value, extinfo } = splitHashInfo(m.value);
      trailers.push(makeTrailer(m.name, value, extinfo));
      wasTrailer = true;
      continue;
    }
    // `Reviewed-by: X <x@y>` followed by `[for the foo bits]` on its own line.
    if (line.length > 2 && wasTrailer && /^\s*\[[^\]]+\]\s*$/.test(line)) {
      const prev = trailers[trailers.length - 1];
      trailers[trailers.length - 1] = makeTrailer(prev.name, prev.value, line);
      wasTrailer = false;
      continue;
    }
    wasTrailer = false;
    others.push(line);
  }
  return { trailers, others };
}

/** The trailer as one or two lines of text, annotation kept as written (b4's as_string). */
export function formatTrailer(t: Pick<ParsedTrailer, 'name' | 'value' | 'extinfo'>, withInfo = true): string {
  const base = `${t.name}: ${t.value}`;
  if (!withInfo || !t.extinfo) return base;
  return t.extinfo.trimStart().startsWith('#') ? base + t.extinfo : `${base}\n${t.extinfo}`;
}

/** b4's equality: same name and value, case-insensitively; the annotation does not count. */
export function sameTrailer(a: Pick<ParsedTrailer, 'name' | 'value'>, b: Pick<ParsedTrailer, 'name' | 'value'>): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase() && a.value.toLowerCase() === b.value.toLowerCase();
}

/** Address comparison that forgives `+tag` local parts and one extra subdomain level (b4's email_eq). */
export function emailMatches(ours: string, theirs: string): boolean {
  let a = ours.toLowerCase();
  let b = theirs.toLowerCase();
  if (a === b) return true;
  if (!a.includes('@') || !b.includes('@')) return false;
  a = a.replace(/\+[^@]+@/, '@');
  b = b.replace(/\+[^@]+@/, '@');
  if (a === b) return true;
  const [al, ad] = [a.slice(0, a.indexOf('@')), a.slice(a.indexOf('@') + 1)];
  const [bl, bd] = [b.slice(0, b.indexOf('@')), b.slice(b.indexOf('@') + 1)];
  if (al !== bl) return false;
  const dots = (s: string) => s.split('.').length - 1;
  return Math.abs(dots(ad) - dots(bd)) === 1 && (ad.endsWith(`.${bd}`) || bd.endsWith(`.${ad}`));
}

/**
 * Whether a reply's sender vouches for a trailer: non-person trailers always; person trailers when
 * the address matches the sender's, or failing that the name does (each part of a "Last, First" name).
 */
export function senderVouches(t: Pick<ParsedTrailer, 'kind' | 'person'>, sender: Address): boolean {
  if (t.kind !== 'person' || !t.person) return true;
  if (emailMatches(t.person.email, sender.email)) return true;
  const tname = t.person.name.toLowerCase();
  const fname = (sender.name || sender.email).toLowerCase();
  if (tname === fname) return true;
  if (fname.indexOf(',') > 0) return fname.split(',').every((part) => tname.includes(part.trim()));
  return false;
}

/** The commit-message part of a patch mail body: before the signature and the `---`/diff basement. */
function messagePart(body: string): string {
  let text = body.replace(/\r/g, '').replace(/^\n+|\n+$/g, '');
  const sig = text.lastIndexOf('\n-- \n');
  if (sig >= 0) text = text.slice(0, sig);
  const cut = /^---\n/m.exec(text);
  if (cut) return text.slice(0, cut.index);
  for (const marker of ['\ndiff ', '\n--- a/']) {
    const i = text.indexOf(marker);
    if (i >= 0) return text.slice(0, i);
  }
  return text;
}

/** Trailers of a patch's own commit message: the trailer lines of its last paragraph. */
export function patchTrailers(body: string): ParsedTrailer[] {
  const paras = messagePart(body).replace(/^\n+|\n+$/g, '').split('\n\n');
  return findTrailers(paras[paras.length - 1], false).trailers;
}

/**
 * Header fields that people paste into replies when they discuss delivery (Received chains,
 * Authentication-Results, DKIM): they carry addresses, so they read like person trailers, and b4
 * 0.17-dev takes Authentication-Results lines for trailers. No trailer is named like them.
 */
const MAIL_HEADERS = new Set([
  'received', 'authentication-results', 'dkim-signature', 'return-path', 'delivered-to', 'envelope-to',
  'message-id', 'in-reply-to', 'references', 'reply-to', 'sender', 'errors-to', 'mime-version',
  'precedence', 'user-agent', 'organization', 'importance', 'thread-topic', 'thread-index', 'received-spf',
]);
const MAIL_HEADER_PREFIX = /^(x|arc|list|content|resent)-/;

export function isMailHeaderName(lname: string): boolean {
  return MAIL_HEADERS.has(lname) || MAIL_HEADER_PREFIX.test(lname);
}

/** Trailers a reviewer wrote in a reply: unquoted, above the signature, not patch metadata or mail headers. */
export function replyTrailers(body: string): ParsedTrailer[] {
  return findTrailers(body, true).trailers.filter((t) => {
    const lname = t.name.toLowerCase();
    return !NOT_FROM_REPLIES.has(lname) && !isMailHeaderName(lname);
  });
}

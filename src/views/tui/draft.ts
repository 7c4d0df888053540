// Reply drafts the way LKML expects them: reply-all headers, threading headers, `> ` quoting of just
// the part being answered, and room below the quote for the answer (bottom-posting).
import type { Address } from '../../model/review.js';
import type { FileDiff } from '../../diff/types.js';
import type { TuiData } from './data.js';
import { messageMeta } from './message-rows.js';
import { sanitize, sanitizeLine } from '../../util/sanitize.js';

export interface Draft {
  to: Address[];
  cc: Address[];
  subject: string;
  inReplyTo: string;
  references: string[];
  /** Attribution and quote, ending with the empty lines the answer goes into. */
  body: string;
}

/** Lines of a hunk to quote: its header and the lines up to the focused one (at most `context` before it). */
export function hunkQuote(file: FileDiff, hunkIdx: number, uptoLine: number, context = 30): string[] {
  const h = file.hunks[hunkIdx];
  if (!h) return [];
  const end = uptoLine < 0 ? Math.min(h.lines.length, context * 2) : Math.min(uptoLine + 1, h.lines.length);
  const start = Math.max(0, end - context);
  const out = [`diff --git a/${file.oldPath ?? file.path} b/${file.newPath ?? file.path}`, h.header || `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`];
  for (const l of h.lines.slice(start, end)) out.push(`${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text}`);
  return out;
}

/** Body lines worth quoting from a message: up to the signature, capped. */
export function bodyQuote(body: string, max = 300): string[] {
  const out: string[] = [];
  for (const raw of body.trimEnd().split('\n', max * 4)) {
    const l = raw.replace(/\r$/, '');
    if (l === '-- ' || out.length >= max) break;
    out.push(l);
  }
  return out;
}

/** A reply to `msgid` quoting `quote` (lines without the `> `). */
export function replyDraft(data: TuiData, msgid: string, quote: string[]): Draft {
  const t = data.messages[msgid];
  const meta = messageMeta(data, msgid);
  const from = meta?.from ?? { name: '', email: '' };
  const subject = meta?.subject ?? '';
  const when = meta?.date ? new Date(meta.date).toUTCString().replace(/GMT$/, '+0000') : null;
  const who = from.name || from.email;
  const attribution = when ? `On ${when}, ${who} wrote:` : `${who} wrote:`;
  const quoted = quote.map((l) => sanitize(l)).map((l) => (l === '' ? '>' : `> ${l}`));
  const cc = [...(t?.to ?? []), ...(t?.cc ?? [])];
  return {
    to: from.email ? [from] : [],
    cc,
    subject: /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`,
    inReplyTo: msgid,
    references: [...(t?.references ?? []).filter((r) => r !== msgid), msgid].slice(-50),
    body: [attribution, ...quoted, '', '', ''].join('\n'),
  };
}

// Header values come from mail: no line breaks or controls may get through (header injection).
const hv = (s: string) => sanitizeLine(s).replace(/[\r\n]/g, ' ').trim();
const idv = (s: string) => hv(s).replace(/[<>\s]/g, '');

function formatAddress(a: Address): string {
  const name = hv(a.name);
  const email = idv(a.email);
  if (!name) return email;
  return /[",.:;<>@()[\]\\]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}" <${email}>` : `${name} <${email}>`;
}

function addressList(list: Address[]): string {
  return list.map(formatAddress).join(',\n ');
}

/** The draft as an RFC 5322 message (UTF-8, 8bit) that `git send-email` and `mutt -H` take. */
export function formatDraft(d: Draft, from: Address | null): string {
  const self = from?.email.toLowerCase();
  const seen = new Set<string>(self ? [self] : []);
  const pick = (list: Address[]) =>
    list.filter((a) => {
      const k = idv(a.email).toLowerCase();
      if (!k || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const to = pick(d.to);
  const cc = pick(d.cc);
  const refs = d.references.map(idv).filter(Boolean);
  const h: string[] = [];
  if (from?.email) h.push(`From: ${formatAddress(from)}`);
  if (to.length) h.push(`To: ${addressList(to)}`);
  if (cc.length) h.push(`Cc: ${addressList(cc)}`);
  h.push(`Subject: ${hv(d.subject)}`);
  h.push(`In-Reply-To: <${idv(d.inReplyTo)}>`);
  if (refs.length) h.push(`References: ${refs.map((r) => `<${r}>`).join('\n ')}`);
  h.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  return `${h.join('\n')}\n\n${d.body}`;
}

/** A file name for the draft: which patch it answers, readable and safe on any file system. */
export function draftName(subject: string): string {
  const slug = sanitizeLine(subject)
    .replace(/^(re:\s*)+/i, '')
    .replace(/\[[^\]]{0,80}\]/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return slug || 'reply';
}

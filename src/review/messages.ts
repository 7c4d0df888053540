// The text of each message of the review model's series, for views that open a message or write a
// reply to it (the TUI's message view and reply drafts). Kept beside the model rather than in it so
// `--json` stays small; a view gets it only when it asks.
import type { Address, Mail } from '../model/mail.js';
import type { ReviewModel } from '../model/review.js';

export interface MessageText {
  msgid: string;
  from: Address;
  to: Address[];
  cc: Address[];
  subject: string;
  /** ISO date, or null when the Date header was missing or unreadable. */
  date: string | null;
  /** The References chain as sent (capped), for a reply's own References header. */
  references: string[];
  /** Decoded body text, capped at `maxBody` characters. */
  body: string;
  truncated: boolean;
}

export interface MessageTextOptions {
  /** Characters kept per body; a view does not need more to show or quote a message. */
  maxBody?: number;
}

const MAX_REFERENCES = 50;

function textOf(mail: Mail, maxBody: number): MessageText {
  const truncated = mail.body.length > maxBody;
  return {
    msgid: mail.msgid,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    references: mail.references.slice(-MAX_REFERENCES),
    body: truncated ? mail.body.slice(0, maxBody) : mail.body,
    truncated,
  };
}

/** Message-IDs of every cover letter, patch and reply of the model's series, in order. */
function seriesMessageIds(review: ReviewModel): string[] {
  const ids = new Set<string>();
  for (const s of review.series) {
    if (s.cover) {
      ids.add(s.cover.msgid);
      for (const r of s.cover.replies) ids.add(r.msgid);
    }
    for (const p of s.patches) {
      ids.add(p.msgid);
      for (const r of p.replies) ids.add(r.msgid);
    }
  }
  return [...ids];
}

/** Message texts for every cover letter, patch and reply of the model's series, by Message-ID. */
export function collectMessages(mails: Map<string, Mail>, review: ReviewModel, opts: MessageTextOptions = {}): Record<string, MessageText> {
  const maxBody = opts.maxBody ?? 512 * 1024;
  // No prototype: Message-IDs come from mail, and `__proto__` is a valid one.
  const out: Record<string, MessageText> = Object.create(null);
  for (const msgid of seriesMessageIds(review)) {
    const m = mails.get(msgid);
    if (m) out[msgid] = textOf(m, maxBody);
  }
  return out;
}

/**
 * The same record, each text decoded the first time it is read: a view that opens three messages
 * of a hundred decodes three bodies, and none before its first frame.
 */
export function lazyMessages(mails: Map<string, Mail>, review: ReviewModel, opts: MessageTextOptions = {}): Record<string, MessageText> {
  const maxBody = opts.maxBody ?? 512 * 1024;
  const ids = seriesMessageIds(review).filter((id) => mails.has(id));
  const known = new Set(ids);
  const done: Record<string, MessageText> = Object.create(null);
  const get = (id: string): MessageText | undefined => {
    if (!known.has(id)) return undefined;
    return (done[id] ??= textOf(mails.get(id)!, maxBody));
  };
  return new Proxy(Object.create(null) as Record<string, MessageText>, {
    get: (_t, key) => (typeof key === 'string' ? get(key) : undefined),
    has: (_t, key) => typeof key === 'string' && known.has(key),
    ownKeys: () => ids,
    getOwnPropertyDescriptor: (_t, key) =>
      typeof key === 'string' && known.has(key) ? { value: get(key), writable: false, enumerable: true, configurable: true } : undefined,
  });
}

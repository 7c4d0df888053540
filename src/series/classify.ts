// What each message is: a patch, a cover letter, or a comment.
import type { Mail } from '../model/mail.js';
import type { SubjectInfo } from '../model/series.js';
import type { ThreadForest, ThreadNode } from '../thread/build.js';
import { parseSubject } from './subject.js';

export type Role = 'patch' | 'cover' | 'comment';

export interface Classified {
  mail: Mail;
  node: ThreadNode;
  subject: SubjectInfo;
  role: Role;
}

/** A patch is a non-reply carrying a diff; a 0/N non-reply is a cover letter. */
function baseRole(mail: Mail, s: SubjectInfo): Role {
  if (s.isReply) return 'comment';
  if (mail.patch !== null) return s.index === 0 ? 'cover' : 'patch';
  if (s.isPatch && s.index === 0) return 'cover';
  return 'comment';
}

export function classify(forest: ThreadForest, mails: Mail[]): Classified[] {
  const out: Classified[] = [];
  const byId = new Map<string, Classified>();
  for (const mail of mails) {
    const node = forest.nodes.get(mail.msgid)!;
    const subject = parseSubject(mail.subject);
    const c: Classified = { mail, node, subject, role: baseRole(mail, subject) };
    out.push(c);
    byId.set(mail.msgid, c);
  }
  // A "naked" cover letter: a [PATCH]-prefixed non-reply without a diff whose direct replies are
  // numbered patches of the same author. A bug report answered by a patch is not one: no PATCH prefix.
  for (const c of out) {
    if (c.role !== 'comment' || c.subject.isReply || !c.subject.isPatch || c.mail.patch !== null) continue;
    const kids = c.node.children.map((k) => (k.mail ? byId.get(k.mail.msgid) : undefined));
    const patchKids = kids.filter((k): k is Classified => !!k && k.role === 'patch' && k.subject.index !== null);
    if (patchKids.length > 0) c.role = 'cover';
  }
  return out;
}

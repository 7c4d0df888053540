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
  if (mail.hasPatch) return s.index === 0 ? 'cover' : 'patch';
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
  // A "naked" cover letter: a non-reply without a diff, answered directly by patches of the same
  // author (or carrying a PATCH prefix itself). A bug report answered by someone's patch is not one.
  for (const c of out) {
    if (c.role !== 'comment' || c.subject.isReply || c.mail.hasPatch) continue;
    const author = c.mail.from.email.toLowerCase();
    const patchKids = c.node.children
      .map((k) => (k.mail ? byId.get(k.mail.msgid) : undefined))
      .filter((k): k is Classified => !!k && k.role === 'patch');
    const sameAuthor = patchKids.some((k) => k.mail.from.email.toLowerCase() === author);
    if (patchKids.length > 0 && (sameAuthor || (c.subject.isPatch && c.subject.index === null))) c.role = 'cover';
  }
  return out;
}

// Who is waiting for whom in one sub-thread. The series author is the one expected to answer
// reviewers. The rule, per branch of the sub-thread (each message nobody answered in the thread):
//  - a reviewer's message waits for the author, unless it only closes the branch (an ack, "thanks",
//    "agreed", a review trailer: see `isClosing`);
//  - an author's message waits for the reviewer it answers (the nearest reviewer above it; any
//    reviewer when the author started the branch), unless it only closes the branch itself.
// The sub-thread waits for the author when any branch does, else for a reviewer when any branch
// does, else it is settled. Branches, not only the newest message: in a long sub-thread the author
// often answers one message of a reviewer and not the one beside it.
import type { Pending, SubThreadState, ThreadMessage } from '../model/discussion.js';

export interface Judgement {
  state: SubThreadState;
  why: string;
  pending: Pending[];
}

const day = (d: string | null) => (d ? d.slice(0, 10) : 'undated');

function list(names: string[]): string {
  const u = [...new Set(names)];
  return u.length <= 1 ? (u[0] ?? '') : `${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}`;
}

/**
 * `isAuthor` tells the author's side (the series author, the patch's author); `author` is who is
 * expected to answer reviewers here; `nameOf` gives a participant's name for the sentence.
 */
export function judgeSubThread(thread: ThreadMessage[], isAuthor: (id: string) => boolean, author: string, nameOf: (id: string) => string): Judgement {
  const byId = new Map(thread.map((m) => [m.msgid, m]));
  const answered = new Set(thread.map((m) => m.parent).filter((p): p is string => p !== null && byId.has(p)));
  const pending: Pending[] = [];
  const closed: ThreadMessage[] = [];
  for (const m of thread) {
    if (answered.has(m.msgid)) continue;
    if (m.closing) {
      closed.push(m);
      continue;
    }
    if (!isAuthor(m.from)) {
      pending.push({ msgid: m.msgid, from: m.from, date: m.date, waitingFor: [author], gist: m.gist });
      continue;
    }
    // The reviewer this answer is for: the nearest message above it not from the author's side.
    let cur = m.parent ? byId.get(m.parent) : undefined;
    for (let i = 0; cur && isAuthor(cur.from) && i < thread.length; i++) cur = cur.parent ? byId.get(cur.parent) : undefined;
    pending.push({ msgid: m.msgid, from: m.from, date: m.date, waitingFor: cur && !isAuthor(cur.from) ? [cur.from] : [], gist: m.gist });
  }
  pending.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const forAuthor = pending.filter((p) => !isAuthor(p.from));
  const forReviewer = pending.filter((p) => isAuthor(p.from));
  const parts: string[] = [];
  if (forAuthor.length) {
    const last = forAuthor[forAuthor.length - 1];
    parts.push(`${nameOf(author)} has not answered ${forAuthor.length === 1 ? 'the message' : `${forAuthor.length} messages`} from ${list(forAuthor.map((p) => nameOf(p.from)))} (last ${day(last.date)})`);
  }
  if (forReviewer.length) {
    const who = forReviewer.flatMap((p) => p.waitingFor);
    const last = forReviewer[forReviewer.length - 1];
    // An author's message that answers nobody (a follow-up of their own) is a message, not an answer.
    const word = who.length ? 'answer' : 'message';
    parts.push(`${forAuthor.length ? 'and ' : ''}${nameOf(last.from)}'s ${word}${forReviewer.length === 1 ? ' has' : 's have'} no reply yet${who.length ? ` from ${list(who.map(nameOf))}` : ''} (last ${day(last.date)})`);
  }
  if (!pending.length) {
    const last = [...closed].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')).pop();
    const how = last?.trailers.length ? `gives ${list(last.trailers)}` : 'agrees or thanks';
    return { state: 'settled', why: last ? `Every branch ends in an ack or thanks; the last word, ${nameOf(last.from)}'s on ${day(last.date)}, ${how}` : 'Nothing to answer', pending };
  }
  return { state: forAuthor.length ? 'waiting-author' : 'waiting-reviewer', why: parts.join(' '), pending };
}

// The discussion model of one series: every direct reply to the cover letter or to a patch opens a
// sub-thread; each has its people, dates, size, gist, what it quotes, and who is waiting for whom.
// People are identities (identity.ts), so one person writing from two addresses counts once and a
// MAINTAINERS entry under an old address still finds its person.
import type { Address, Mail } from '../model/mail.js';
import type { CoverRef, Reply } from '../model/series.js';
import type { CommentAnchor, ReviewPatch, ReviewSeries, SectionRef, SuggestedPatch } from '../model/review.js';
import type { Discussion, SubThread, ThreadMessage } from '../model/discussion.js';
import type { Mailmap } from '../maintainers/types.js';
import { resolveIdentities, type Mention } from './identity.js';
import { buildPeople, type SentMessage } from './discussion-people.js';
import { judgeSubThread } from './discussion-state.js';
import { addQuotes, seriesFiles, type Quotes } from './discussion-quotes.js';
import { gistOf, isClosing, ownWords } from './gist.js';
import { ownText } from './feedback-text.js';
import { replyTree } from './reply-order.js';

/** The catch-all section every file falls into: its people are everyone's, so it says nothing. */
const CATCH_ALL = new Set(['THE REST']);

export interface DiscussionOptions {
  mailmap?: Mailmap;
}

type SeriesPart = Pick<ReviewSeries, 'author' | 'total'> & { cover: (CoverRef & { suggestions?: SuggestedPatch[] }) | null; patches: ReviewPatch[] };

/** Touched sections in the order the patches touch them, each once. */
export function touchedSections(patches: ReviewPatch[]): SectionRef[] {
  const out = new Map<string, SectionRef>();
  for (const p of patches) for (const s of p.sections) if (!CATCH_ALL.has(s.name) && !out.has(s.name)) out.set(s.name, s);
  return [...out.values()];
}

interface Root {
  patch: number;
  msgid: string;
  author: Address;
  replies: Reply[];
  /** A patch's anchored review comments (none for the cover letter). */
  anchors: CommentAnchor[] | null;
}

interface Draft {
  id: string;
  root: Root;
  replies: { reply: Reply; depth: number }[];
}

/** Each direct reply to a root and the replies below it, in discussion order. */
function subThreadsOf(root: Root): Draft[] {
  const out: Draft[] = [];
  for (const t of replyTree(root.msgid, root.replies)) {
    if (t.depth === 1 || !out.length) out.push({ id: t.reply.msgid, root, replies: [] });
    out[out.length - 1].replies.push(t);
  }
  return out;
}

export function buildDiscussion(s: SeriesPart, mails: Map<string, Mail>, opts: DiscussionOptions = {}): Discussion {
  const roots: Root[] = [];
  if (s.cover) roots.push({ patch: 0, msgid: s.cover.msgid, author: s.cover.from, replies: s.cover.replies, anchors: null });
  for (const p of s.patches) roots.push({ patch: p.index, msgid: p.msgid, author: p.from, replies: p.replies, anchors: p.anchors });
  const drafts = roots.flatMap(subThreadsOf);
  const sections = touchedSections(s.patches);

  const sent: SentMessage[] = [];
  if (s.cover) sent.push({ msgid: s.cover.msgid, who: s.cover.from, date: s.cover.date, kind: 'cover', subThread: null });
  for (const p of s.patches) sent.push({ msgid: p.msgid, who: p.from, date: p.date, kind: 'patch', subThread: null });
  for (const d of drafts) for (const { reply } of d.replies) sent.push({ msgid: reply.msgid, who: reply.from, date: reply.date, kind: 'reply', subThread: d.id });
  const mentions: Mention[] = [
    { who: s.author, source: 'thread' },
    ...sent.map((m): Mention => ({ who: m.who, source: 'thread' })),
    ...[...(s.cover?.trailers ?? []), ...s.patches.flatMap((p) => p.trailers)].flatMap((t): Mention[] => (t.person ? [{ who: t.person, source: 'trailer' }] : [])),
    ...sections.flatMap((sec) => [...sec.maintainers, ...sec.reviewers].map((who): Mention => ({ who, source: 'listed' }))),
  ];
  const idx = resolveIdentities(mentions, { mailmap: opts.mailmap });
  const authors = [s.author, ...(s.cover ? [s.cover.from] : []), ...s.patches.map((p) => p.from)];
  const people = buildPeople(idx, sent, authors, sections);
  const nameOf = new Map(people.people.map((p) => [p.id, p.name]));
  const authorIds = new Set(people.people.filter((p) => p.author).map((p) => p.id));
  const sf = seriesFiles(s.total, s.patches);
  const suggested = new Map<string, string[]>();
  for (const sp of [...(s.cover?.suggestions ?? []), ...s.patches.flatMap((p) => p.suggestions ?? [])]) suggested.set(sp.replyMsgid, sp.files.map((f) => f.path));

  const subThreads: SubThread[] = drafts.map((d) => {
    const quotes: Quotes = { patches: new Set(d.root.patch ? [d.root.patch] : []), files: new Set() };
    const thread: ThreadMessage[] = d.replies.map(({ reply, depth }) => {
      const body = mails.get(reply.msgid)?.body ?? '';
      const own = ownText(body);
      const words = ownWords(body, reply.from, own);
      if (body) addQuotes(quotes, sf, reply.msgid, reply.from, body, own, d.root.anchors ? { patch: d.root.patch, anchors: d.root.anchors } : null);
      return {
        msgid: reply.msgid,
        parent: reply.parent,
        depth,
        from: people.idOf(reply.from),
        date: reply.date,
        gist: gistOf(words),
        lines: words.count,
        trailers: [...new Set([...words.trailers, ...reply.trailers.map((t) => t.name)])],
        closing: isClosing(words),
        suggests: suggested.get(reply.msgid) ?? [],
      };
    });
    for (const m of thread) for (const f of m.suggests) quotes.files.add(f);
    const counts = new Map<string, number>();
    for (const m of thread) counts.set(m.from, (counts.get(m.from) ?? 0) + 1);
    const dates = thread.map((m) => m.date).filter((x): x is string => !!x).sort();
    const author = people.idOf(d.root.author);
    const verdict = judgeSubThread(thread, (id) => authorIds.has(id) || id === author, author, (id) => nameOf.get(id) ?? id);
    return {
      id: d.id,
      target: { patch: d.root.patch, msgid: d.root.msgid },
      opener: thread[0].from,
      gist: thread[0].gist,
      first: dates[0] ?? null,
      last: dates[dates.length - 1] ?? null,
      messages: thread.length,
      lines: thread.reduce((n, m) => n + m.lines, 0),
      participants: [...counts].map(([id, messages]) => ({ id, messages })),
      ...verdict,
      quotes: { patches: [...quotes.patches].sort((a, b) => a - b), files: [...quotes.files].sort() },
      thread,
    };
  });
  subThreads.sort((a, b) => a.target.patch - b.target.patch || (a.first ?? '').localeCompare(b.first ?? ''));

  const count = (st: SubThread['state']) => subThreads.filter((x) => x.state === st).length;
  return {
    people: people.people,
    subThreads,
    sections: people.sections,
    ambiguousNames: idx.ambiguousNames,
    counts: {
      subThreads: subThreads.length,
      waitingAuthor: count('waiting-author'),
      waitingReviewer: count('waiting-reviewer'),
      settled: count('settled'),
      participants: people.people.filter((p) => p.messages > 0).length,
    },
  };
}

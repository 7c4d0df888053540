// The people of a series' discussion, from its identities: who wrote how much and when, which
// MAINTAINERS entries of the touched sections they are, and per section who spoke and who is silent.
import type { Address } from '../model/mail.js';
import type { SectionRef } from '../model/review.js';
import type { Evidence, Participant, SectionVoices } from '../model/discussion.js';
import type { IdentityIndex } from './identity.js';
import { groupName } from './identity.js';
import { affiliation } from './people.js';

export interface SentMessage {
  msgid: string;
  who: Address;
  date: string | null;
  kind: 'cover' | 'patch' | 'reply';
  /** Id of the sub-thread a reply belongs to. */
  subThread: string | null;
}

export interface People {
  people: Participant[];
  /** Participant id of an address (one mentioned when the identities were resolved). */
  idOf(a: Address): string;
  sections: SectionVoices[];
}

const RANK: Record<Evidence, number> = { email: 3, mailmap: 2, name: 1 };

function groupId(idx: IdentityIndex, gi: number): string {
  const g = idx.groups[gi];
  return g.emails[0] ?? `name:${groupName(g).toLowerCase()}`;
}

/** How a listed entry was tied to what the person wrote from: the best evidence over their mail addresses. */
function listedEvidence(idx: IdentityIndex, gi: number, listed: Address): Evidence | null {
  let best: Evidence | null = null;
  for (const m of idx.groups[gi].mentions) {
    if (m.source === 'listed') continue;
    const e = idx.evidence(listed, m.who);
    if (e && (!best || RANK[e] > RANK[best])) best = e;
  }
  return best;
}

export function buildPeople(idx: IdentityIndex, sent: SentMessage[], authors: Address[], sections: SectionRef[]): People {
  const stats = new Map<number, { messages: number; replies: number; subThreads: Set<string>; first: string | null; last: string | null }>();
  for (const m of sent) {
    const gi = idx.groupOf(m.who);
    if (gi < 0) continue;
    const st = stats.get(gi) ?? { messages: 0, replies: 0, subThreads: new Set<string>(), first: null, last: null };
    st.messages++;
    if (m.kind === 'reply') st.replies++;
    if (m.subThread) st.subThreads.add(m.subThread);
    if (m.date && (!st.first || m.date < st.first)) st.first = m.date;
    if (m.date && (!st.last || m.date > st.last)) st.last = m.date;
    stats.set(gi, st);
  }
  const authorGroups = new Set(authors.map((a) => idx.groupOf(a)).filter((g) => g >= 0));
  const byGroup = new Map<number, Participant>();
  idx.groups.forEach((g, gi) => {
    if (!g.mentions.some((m) => m.source !== 'listed')) return;
    const st = stats.get(gi);
    const written = g.mentions.filter((m) => m.source !== 'listed').map((m) => m.who.name.replace(/^"(.*)"$/, '$1').trim()).filter(Boolean);
    byGroup.set(gi, {
      id: groupId(idx, gi),
      name: groupName(g),
      emails: g.emails,
      names: [...new Set([...written, ...g.mentions.map((m) => m.who.name.replace(/^"(.*)"$/, '$1').trim()).filter(Boolean)])],
      affiliations: [...new Set(written.map(affiliation).filter((x): x is string => !!x))],
      author: authorGroups.has(gi),
      messages: st?.messages ?? 0,
      replies: st?.replies ?? 0,
      subThreads: st?.subThreads.size ?? 0,
      first: st?.first ?? null,
      last: st?.last ?? null,
      roles: [],
      joins: g.joins,
    });
  });

  const voices: SectionVoices[] = [];
  for (const sec of sections) {
    const v: SectionVoices = { name: sec.name, status: sec.status, spoke: [], silent: [] };
    const seen = new Set<number>();
    const entries: [Address, 'maintainer' | 'reviewer'][] = [
      ...sec.maintainers.map((a): [Address, 'maintainer'] => [a, 'maintainer']),
      ...sec.reviewers.map((a): [Address, 'reviewer'] => [a, 'reviewer']),
    ];
    for (const [listed, role] of entries) {
      const gi = idx.groupOf(listed);
      const p = gi >= 0 ? byGroup.get(gi) : undefined;
      const by = p ? listedEvidence(idx, gi, listed) : null;
      if (gi >= 0 && seen.has(gi)) continue;
      if (gi >= 0) seen.add(gi);
      if (p && by) {
        p.roles.push({ section: sec.name, role, listed, matchedBy: by });
        if (p.messages > 0) {
          const subThreads = [...(stats.get(gi)?.subThreads ?? [])];
          v.spoke.push({ person: p.id, name: listed.name, email: listed.email, role, matchedBy: by, messages: p.messages, subThreads });
          continue;
        }
      }
      v.silent.push({ name: listed.name, email: listed.email, role });
    }
    voices.push(v);
  }

  const people = [...byGroup.values()].sort((a, b) => b.messages - a.messages || (a.first ?? '').localeCompare(b.first ?? '') || a.id.localeCompare(b.id));
  return {
    people,
    sections: voices,
    idOf: (a) => {
      const gi = idx.groupOf(a);
      return gi >= 0 ? groupId(idx, gi) : a.email.toLowerCase() || `name:${a.name.toLowerCase()}`;
    },
  };
}

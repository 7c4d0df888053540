// Words shared by the Markdown and HTML views of the discussion, so both say the same thing.
import type { Discussion, Evidence, Participant, PersonRole, SectionVoices, SubThread, SubThreadState } from '../../model/discussion.js';

export const STATE_WORD: Record<SubThreadState, string> = {
  'waiting-author': 'waiting for the author',
  'waiting-reviewer': 'waiting for a reviewer',
  settled: 'settled',
};

export const EVIDENCE_WORD: Record<Evidence, string> = { email: 'same address', mailmap: 'by .mailmap', name: 'by name' };

export const STATE_RULE =
  'A sub-thread waits for the author while a reviewer\'s message in it has no answer (an ack, a "thanks" or a review trailer needs none), ' +
  'and for a reviewer while the author\'s answer has no reply; each branch of it is judged by its last message.';

export const ROLE_LETTER = { maintainer: 'M', reviewer: 'R' } as const;

export function nameIndex(d: Discussion): (id: string) => string {
  const m = new Map(d.people.map((p) => [p.id, p.name]));
  return (id) => m.get(id) ?? id;
}

/** "on the cover letter" or "on patch 3/27". */
export function onTarget(st: SubThread, total: number): string {
  return st.target.patch === 0 ? 'on the cover letter' : `on patch ${st.target.patch}/${total}`;
}

/** "cover letter" or "patch 3/27". */
export function targetLabel(st: SubThread, total: number): string {
  return st.target.patch === 0 ? 'cover letter' : `patch ${st.target.patch}/${total}`;
}

export function dateSpan(first: string | null, last: string | null): string {
  const a = first ? first.slice(0, 10) : 'undated';
  const b = last ? last.slice(0, 10) : a;
  return a === b ? a : `${a} – ${b}`;
}

/** "MEMORY HOT(UN)PLUG (M, listed as David Hildenbrand <david@redhat.com>, by name)". */
export function roleText(r: PersonRole): string {
  const listed = r.listed.name ? `${r.listed.name} <${r.listed.email}>` : r.listed.email;
  return `${r.section} (${ROLE_LETTER[r.role]}${r.matchedBy === 'email' ? '' : `, listed as ${listed}, ${EVIDENCE_WORD[r.matchedBy]}`})`;
}

/** The addresses a person wrote from or is known by, with how the others were tied in. */
export function addressesText(p: Participant): string {
  return p.emails.map((e) => {
    const j = p.joins.find((x) => x.email === e);
    return j && j.by !== 'email' ? `${e} (${EVIDENCE_WORD[j.by]})` : e;
  }).join(', ');
}

/** The people who wrote in the thread, most messages first. */
export function speakers(d: Discussion): Participant[] {
  return d.people.filter((p) => p.messages > 0);
}

export function summaryLine(d: Discussion): string {
  const c = d.counts;
  if (!c.subThreads) return `no replies yet; ${c.participants} ${c.participants === 1 ? 'person' : 'people'} in the thread`;
  return `${c.subThreads} sub-thread${c.subThreads === 1 ? '' : 's'}: ${c.waitingAuthor} waiting for the author, ${c.waitingReviewer} waiting for a reviewer, ${c.settled} settled; ${c.participants} people took part`;
}

/** A section's M:/R: people as "spoke" and "silent" lists; null when the section is not in the discussion. */
export function sectionVoices(d: Discussion, section: string): { spoke: string[]; silent: string[] } | null {
  const v: SectionVoices | undefined = d.sections.find((x) => x.name === section);
  if (!v) return null;
  const name = nameIndex(d);
  return {
    spoke: v.spoke.map((x) => `${name(x.person)} (${ROLE_LETTER[x.role]}, ${x.messages} message${x.messages === 1 ? '' : 's'}${x.matchedBy === 'email' ? '' : `, ${EVIDENCE_WORD[x.matchedBy]}`})`),
    silent: v.silent.map((x) => `${x.name || x.email} (${ROLE_LETTER[x.role]})`),
  };
}

export const VOICES_NOTE = 'Spoke: wrote in the thread (any message, any sub-thread, from any of their addresses); silent: has not.';

/** The messages a sub-thread waits on, less its opener when that is all it has (shown as its gist already). */
export function shownPending(st: SubThread): SubThread['pending'] {
  return st.messages === 1 ? st.pending.filter((p) => p.msgid !== st.id) : st.pending;
}

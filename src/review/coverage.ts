// Ownership × review: for each patch, the MAINTAINERS sections it touches and what their M:/R:
// people did on it (a trailer, a comment on the diff, a plain reply, or nothing).
import type { Address } from '../model/mail.js';
import type { ReviewPatch, ReviewSeries, SectionRef } from '../model/review.js';
import { matchPerson, type PersonMatch } from './people.js';
import { trailersFor, type ScopedTrailer } from './scope.js';
import type { PersonMatcher } from './identity-match.js';

/** Trailers that say the person looked at the change (Signed-off-by, Cc, Reported-by do not). */
export const REVIEW_TRAILERS = new Set(['reviewed-by', 'acked-by', 'tested-by']);

/** The catch-all section every file falls into: listing it would say nothing. */
const CATCH_ALL = new Set(['THE REST']);

export type Action =
  | { kind: 'trailer'; name: string; msgid: string; viaCover: boolean; scope: string | null; /** Written in the patch itself: carried over from an earlier version. */ inPatch: boolean }
  | { kind: 'comment'; msgid: string; file: string; line: number }
  | { kind: 'reply'; msgid: string };

export interface PersonOnPatch {
  name: string;
  email: string;
  /** Role in the section the entry is listed under; null for people MAINTAINERS does not list there. */
  role: 'maintainer' | 'reviewer' | null;
  /** How their mail was tied to the MAINTAINERS entry: by address, or by name when the addresses differ. */
  matchedBy: PersonMatch | null;
  /** The address they wrote from, when it is not the listed one. */
  actedAs?: Address;
  actions: Action[];
}

/** reviewed: a review trailer; commented: a reply quoting the diff; replied: any other reply or trailer. */
export type CellStatus = 'reviewed' | 'commented' | 'replied' | 'none';

export interface SectionCell {
  patch: number;
  status: CellStatus;
  /** Every M:/R: person of the section, with what they did on this patch (maybe nothing). */
  people: PersonOnPatch[];
}

export interface SectionCoverage {
  name: string;
  status: string | null;
  maintainers: Address[];
  reviewers: Address[];
  /** covered: a listed person reviewed every patch; partial: some review or comment; none: nothing. */
  coverage: 'covered' | 'partial' | 'none';
  cells: SectionCell[];
  /** People MAINTAINERS does not list for the section who acted on its patches. */
  others: { name: string; email: string; patches: number[] }[];
}

export interface PatchActivity {
  patch: number;
  msgid: string;
  title: string;
  sections: string[];
  /** Everyone who did something on the patch, listed or not. */
  people: PersonOnPatch[];
}

export interface NameMatch {
  section: string;
  listed: Address;
  actedAs: Address;
}

export interface CoverageMatrix {
  sections: SectionCoverage[];
  patches: PatchActivity[];
  /** People tied to a MAINTAINERS entry by name only: worth a second look. */
  nameMatches: NameMatch[];
}

interface Actor {
  who: Address;
  actions: Action[];
}

function addAction(actors: Actor[], who: Address, action: Action): void {
  const found = actors.find((a) => matchPerson(a.who, who) !== null);
  if (found) found.actions.push(action);
  else actors.push({ who, actions: [action] });
}

/** What each person (other than the patch's author) did on one patch. */
export function actorsOn(p: ReviewPatch, trailers: ScopedTrailer[]): Actor[] {
  const actors: Actor[] = [];
  const isAuthor = (a: Address) => matchPerson(a, p.from) !== null;
  for (const t of trailersFor(p.index, trailers)) {
    const who = t.person ?? t.sender;
    if (!t.applied || isAuthor(who)) continue;
    // In the patch itself only a carried review counts: Cc:, Suggested-by: and the like are not actions.
    if (t.source === 'patch' && !REVIEW_TRAILERS.has(t.name.toLowerCase())) continue;
    // A Signed-off-by in a reply signs a patch pasted into it ("something like this"), not the series.
    if (t.source !== 'patch' && t.name.toLowerCase() === 'signed-off-by') continue;
    addAction(actors, who, { kind: 'trailer', name: t.name, msgid: t.fromMsgid, viaCover: t.givenOn === null, scope: t.scope.text, inPatch: t.source === 'patch' });
  }
  const withContent = new Set<string>();
  for (const a of p.anchors) {
    if (isAuthor(a.author)) continue;
    withContent.add(a.replyMsgid);
    addAction(actors, a.author, { kind: 'comment', msgid: a.replyMsgid, file: a.file, line: a.line });
  }
  const withTrailer = new Set(trailers.map((t) => t.fromMsgid));
  for (const r of p.replies) {
    if (isAuthor(r.from) || withContent.has(r.msgid) || withTrailer.has(r.msgid)) continue;
    addAction(actors, r.from, { kind: 'reply', msgid: r.msgid });
  }
  return actors;
}

function cellStatus(people: PersonOnPatch[]): CellStatus {
  const acts = people.flatMap((x) => x.actions);
  if (acts.some((a) => a.kind === 'trailer' && REVIEW_TRAILERS.has(a.name.toLowerCase()))) return 'reviewed';
  if (acts.some((a) => a.kind === 'comment')) return 'commented';
  if (acts.length) return 'replied';
  return 'none';
}

function listedPeople(sec: SectionRef, actors: Actor[], nameMatches: NameMatch[], match: PersonMatcher): PersonOnPatch[] {
  const roles: [Address, 'maintainer' | 'reviewer'][] = [
    ...sec.maintainers.map((a): [Address, 'maintainer'] => [a, 'maintainer']),
    ...sec.reviewers.map((a): [Address, 'reviewer'] => [a, 'reviewer']),
  ];
  return roles.map(([listed, role]) => {
    const acts = actors.map((a) => ({ a, m: match(listed, a.who) })).find((x) => x.m !== null);
    const out: PersonOnPatch = { name: listed.name, email: listed.email, role, matchedBy: acts?.m ?? null, actions: acts?.a.actions ?? [] };
    if (acts && acts.m !== 'email') out.actedAs = acts.a.who;
    if (acts && acts.m === 'name') {
      if (!nameMatches.some((n) => n.section === sec.name && n.listed.email === listed.email)) nameMatches.push({ section: sec.name, listed, actedAs: acts.a.who });
    }
    return out;
  });
}

/** `match` ties mail to MAINTAINERS entries: `discussionMatcher(series.discussion)` uses the series' identities. */
export function coverageMatrix(series: ReviewSeries, trailers: ScopedTrailer[], match: PersonMatcher = matchPerson): CoverageMatrix {
  const nameMatches: NameMatch[] = [];
  const sections = new Map<string, SectionCoverage>();
  const patches: PatchActivity[] = [];
  for (const p of series.patches) {
    const actors = actorsOn(p, trailers);
    const listedHere: PersonOnPatch[] = [];
    const names: string[] = [];
    for (const sec of p.sections) {
      if (CATCH_ALL.has(sec.name) || names.includes(sec.name)) continue;
      names.push(sec.name);
      let row = sections.get(sec.name);
      if (!row) {
        row = { name: sec.name, status: sec.status, maintainers: sec.maintainers, reviewers: sec.reviewers, coverage: 'none', cells: [], others: [] };
        sections.set(sec.name, row);
      }
      const people = listedPeople(sec, actors, nameMatches, match);
      row.cells.push({ patch: p.index, status: cellStatus(people), people });
      for (const a of actors) {
        if (people.some((x) => x.actions === a.actions)) continue;
        const o = row.others.find((x) => matchPerson(x, a.who) !== null);
        if (o) o.patches.push(p.index);
        else row.others.push({ name: a.who.name, email: a.who.email, patches: [p.index] });
      }
      listedHere.push(...people.filter((x) => x.actions.length));
    }
    const people: PersonOnPatch[] = actors.map((a) => {
      const listed = listedHere.find((x) => x.actions === a.actions);
      return listed
        ? { ...listed, actions: a.actions }
        : { name: a.who.name, email: a.who.email, role: null, matchedBy: null, actions: a.actions };
    });
    patches.push({ patch: p.index, msgid: p.msgid, title: p.title, sections: names, people });
  }
  for (const row of sections.values()) {
    const reviewed = row.cells.filter((c) => c.status === 'reviewed').length;
    const touched = row.cells.filter((c) => c.status !== 'none').length;
    row.coverage = reviewed === row.cells.length ? 'covered' : touched > 0 ? 'partial' : 'none';
  }
  return { sections: [...sections.values()], patches, nameMatches };
}

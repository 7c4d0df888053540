// Version lineage: for each series, the version before it among the loaded series, even when the
// title changed. Strongest evidence first: the same change-id; a link the cover letter labels as an
// earlier version; the same author with the same title; else the same author, a later version,
// within a time window, with enough evidence (recurring patches, shared files, similar titles).
// Pure over LineageSummary, so an index can feed it a person's series from a whole archive.
import type { LineageLink, LineageSummary, LinkKind } from '../model/lineage.js';
import { authorKeys, daysBetween, evidence, REPOST_THRESHOLD, sameAuthor, sameTitle, THRESHOLD, titleKey, versionStep, WINDOW_DAYS } from './lineage-evidence.js';
import { UnionFind } from '../util/union-find.js';

export interface LineageOptions {
  /** Longest gap, in days, between two versions matched by author (default 270). */
  windowDays?: number;
  /** Score a lower version needs (default 0.6). */
  threshold?: number;
  /** Score a same-version repost needs (default 1.0). */
  repostThreshold?: number;
}

/** How much a kind of link says: a labelled link and an unchanged title say as much (a RESEND of v6 links v5 but has v6's title). */
const RANK: Record<LinkKind, number> = { 'change-id': 2, link: 1, title: 1, evidence: 0 };
const TIE: Record<LinkKind, number> = { 'change-id': 3, link: 2, title: 1, evidence: 0 };
/** Title word overlap needed when no patch recurs: a reworked patch set under a new title keeps some of its words. */
const MIN_TITLE_WORDS = 0.3;

/** Posting order: date, then version, then id (so two undated series still have an order). */
export function postedBefore(a: LineageSummary, b: LineageSummary): boolean {
  if (a.date && b.date && a.date !== b.date) return a.date < b.date;
  if (a.version !== b.version) return a.version < b.version;
  if (a.date !== b.date) return (a.date ?? '') < (b.date ?? '');
  return a.id < b.id;
}

/** Why `older` is an earlier version of `newer`, or null when it is not (or not shown to be). */
export function judge(older: LineageSummary, newer: LineageSummary, opts: LineageOptions = {}): LineageLink | null {
  if (older.id === newer.id || !postedBefore(older, newer)) return null;
  const link = (by: LinkKind): LineageLink => ({ older: older.id, newer: newer.id, by, evidence: evidence(older, newer) });
  if (older.changeId && older.changeId === newer.changeId) return link('change-id');
  // b4 gives every work its own change-id: two different ones are two works, whatever else matches.
  if (older.changeId && newer.changeId) return null;
  if (newer.versionLinks.some((id) => older.messageIds.includes(id))) return link('link');
  const days = daysBetween(older, newer);
  if (days !== null && days > (opts.windowDays ?? WINDOW_DAYS)) return null;
  const step = versionStep(older, newer);
  if (!sameAuthor(older.author, newer.author)) {
    // A series handed over ("v6" by someone else, same title, the same patches): the title and the
    // patches must both carry on, and the version must go up.
    if (step !== 'later' || !sameTitle(older, newer)) return null;
    const ev = evidence(older, newer);
    return mostPatchesRecur(older, newer, ev) ? { older: older.id, newer: newer.id, by: 'title', evidence: ev } : null;
  }
  const ev = evidence(older, newer);
  if (sameTitle(older, newer)) return { older: older.id, newer: newer.id, by: 'title', evidence: ev };
  // Two kinds of evidence must agree: shared files, and recurring patches or shared title words.
  if (!step || ev.sharedFiles === 0) return null;
  if (ev.patchIds + ev.patchTitles === 0 && ev.titleSimilarity < MIN_TITLE_WORDS) return null;
  if (step === 'repost' && !mostPatchesRecur(older, newer, ev)) return null;
  const needed = step === 'repost' ? opts.repostThreshold ?? REPOST_THRESHOLD : opts.threshold ?? THRESHOLD;
  return ev.score >= needed ? { older: older.id, newer: newer.id, by: 'evidence', evidence: ev } : null;
}

/** A repost under the same version number is mostly the same patches again: half of the smaller series at least. */
function mostPatchesRecur(older: LineageSummary, newer: LineageSummary, ev: LineageLink['evidence']): boolean {
  const smaller = Math.min(older.patches.length, newer.patches.length);
  return smaller > 0 && (ev.patchIds + ev.patchTitles) * 2 >= smaller;
}

/**
 * The version before `newer` among `candidates`: the strongest kind of link (change-id; a labelled
 * link or the same title; other evidence), then the nearest version not above it, then the best
 * score, then the latest posting.
 */
export function previousVersion(newer: LineageSummary, candidates: Iterable<LineageSummary>, opts: LineageOptions = {}): LineageLink | null {
  let best: { link: LineageLink; older: LineageSummary } | null = null;
  for (const older of candidates) {
    const link = judge(older, newer, opts);
    if (link && (!best || better({ link, older }, best, newer))) best = { link, older };
  }
  return best?.link ?? null;
}

type Scored = { link: LineageLink; older: LineageSummary };

/** Version order for ranking: a PATCH series numbers afresh after an RFC, so for a PATCH series every RFC comes before every PATCH. */
function versionRank(s: LineageSummary, newer: LineageSummary): number {
  return (s.rfc && !newer.rfc ? 0 : 1_000_000) + s.version;
}

function better(a: Scored, b: Scored, newer: LineageSummary): boolean {
  if (RANK[a.link.by] !== RANK[b.link.by]) return RANK[a.link.by] > RANK[b.link.by];
  const top = versionRank(newer, newer);
  const ra = versionRank(a.older, newer);
  const rb = versionRank(b.older, newer);
  if (ra <= top !== rb <= top) return ra <= top;
  if (ra !== rb) return ra <= top ? ra > rb : ra < rb;
  if (TIE[a.link.by] !== TIE[b.link.by]) return TIE[a.link.by] > TIE[b.link.by];
  if (a.link.evidence.score !== b.link.evidence.score) return a.link.evidence.score > b.link.evidence.score;
  return postedBefore(b.older, a.older);
}

/**
 * Keys under which a series can be found as a candidate: its author's address and name, its title,
 * its change-id. (An index answers "series with any of these keys" to find candidates in an archive;
 * cover-letter links are looked up by Message-ID.)
 */
export function candidateKeys(s: LineageSummary): string[] {
  const keys = authorKeys(s.author);
  const title = titleKey(s.title);
  if (title) keys.push(`title:${title}`);
  if (s.changeId) keys.push(`change-id:${s.changeId}`);
  return keys;
}

/** The version before each series that has one, keyed by the newer series' id. */
export function linkLineage(summaries: LineageSummary[], opts: LineageOptions = {}): Map<string, LineageLink> {
  const byKey = new Map<string, LineageSummary[]>();
  const byMsgid = new Map<string, LineageSummary>();
  for (const s of summaries) {
    for (const k of candidateKeys(s)) {
      const list = byKey.get(k);
      if (list) list.push(s);
      else byKey.set(k, [s]);
    }
    for (const m of s.messageIds) if (!byMsgid.has(m)) byMsgid.set(m, s);
  }
  const out = new Map<string, LineageLink>();
  for (const s of summaries) {
    const candidates = new Set<LineageSummary>();
    for (const k of candidateKeys(s)) for (const c of byKey.get(k) ?? []) candidates.add(c);
    for (const m of s.versionLinks) {
      const c = byMsgid.get(m);
      if (c) candidates.add(c);
    }
    const link = previousVersion(s, candidates, opts);
    if (link) out.set(s.id, link);
  }
  return out;
}

/** Every series' whole lineage (all versions of its work, in posting order), by series id. */
export function lineageGroups(summaries: LineageSummary[], links: Map<string, LineageLink>): Map<string, string[]> {
  const uf = new UnionFind<string>();
  for (const s of summaries) uf.add(s.id);
  for (const l of links.values()) if (uf.has(l.older) && uf.has(l.newer)) uf.union(l.older, l.newer);
  const find = (k: string) => uf.find(k);
  const groups = new Map<string, LineageSummary[]>();
  for (const s of summaries) {
    const r = find(s.id);
    const g = groups.get(r);
    if (g) g.push(s);
    else groups.set(r, [s]);
  }
  const out = new Map<string, string[]>();
  for (const g of groups.values()) {
    const ids = g.sort((a, b) => (postedBefore(a, b) ? -1 : postedBefore(b, a) ? 1 : 0)).map((s) => s.id);
    for (const id of ids) out.set(id, ids);
  }
  return out;
}

/** The chain of versions up to `id`, oldest first, by following each series' version before. */
export function chainTo(id: string, previous: (id: string) => string | null): string[] {
  const out = [id];
  const seen = new Set(out);
  for (let p = previous(id); p !== null && !seen.has(p); p = previous(p)) {
    out.unshift(p);
    seen.add(p);
  }
  return out;
}

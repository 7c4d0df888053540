// The reviewer digest of one series, as data: summary, ownership × review coverage, scoped trailers,
// changes since the previous version, findings by rule, review feedback and missing Cc. Views
// (src/views/digest) only format this.
import type { Address, Mail } from '../model/mail.js';
import type { Finding, MissingRecipient, ReviewModel, ReviewSeries, Severity } from '../model/review.js';
import { coverageMatrix, REVIEW_TRAILERS, type CoverageMatrix } from './coverage.js';
import { trackFeedback, type FeedbackItem } from './feedback.js';
import { compareVersions, type VersionChanges } from './interdiff.js';
import type { Evidence, LinkKind } from '../model/lineage.js';
import { chainTo } from './lineage.js';
import { loreUrl } from './links.js';
import { scopeTrailers, type ScopedTrailer } from './scope.js';
import { discussionMatcher } from './identity-match.js';
import type { Discussion } from '../model/discussion.js';

export interface VersionRef {
  version: number;
  id: string;
  date: string | null;
  url: string;
  /** Versions of one work may carry different titles. */
  title: string;
}

/** The version this one is compared with, and how lorescope knows it is the version before. */
export interface PreviousVersion extends VersionRef {
  matchedBy: LinkKind;
  evidence: Evidence;
}

export interface DigestSummary {
  seriesId: string;
  title: string;
  author: Address;
  version: number;
  rfc: boolean;
  url: string;
  versions: VersionRef[];
  lists: string[];
  /** When this version was posted, and the last message about it. */
  posted: string | null;
  lastActivity: string | null;
  baseCommit: string | null;
  changeId: string | null;
  counts: {
    patches: number;
    missingPatches: number;
    replies: number;
    reviewTrailers: number;
    reviewers: number;
    comments: number;
    openFeedback: number;
    findings: number;
    missingCc: number;
    /** Sub-threads opened by direct replies to the cover letter or a patch, and where they stand. */
    subThreads: number;
    waitingAuthor: number;
    waitingReviewer: number;
    settled: number;
    /** People who wrote in the thread (the author included). */
    participants: number;
  };
}

export interface FindingGroup {
  ruleId: string;
  title: string;
  severity: Severity;
  rationale: string;
  link?: string;
  findings: Finding[];
}

export interface MissingCc {
  /** 0 for the cover letter. */
  patch: number;
  title: string;
  msgid: string;
  missing: MissingRecipient[];
}

export interface SeriesDigest {
  summary: DigestSummary;
  coverage: CoverageMatrix;
  /** Sub-threads, people, and who spoke or is silent for each touched section (the review model's, as is). */
  discussion: Discussion;
  trailers: ScopedTrailer[];
  /** Changes from the previous version, or null for a first version. */
  changes: VersionChanges | null;
  /** The version before (`changes` compares with it), or null for a first version. */
  previousVersion: PreviousVersion | null;
  /** Set when `--tree` was given but range-diff could not run: the mail comparison was used. */
  changesNote?: string;
  findings: FindingGroup[];
  /** Review comments on this version and earlier ones, as they stand with every version known. */
  feedback: FeedbackItem[];
  missingCc: MissingCc[];
}

export interface DigestOptions {
  /** Precomputed version comparisons (e.g. from range-diff), keyed by the newer series id. */
  changes?: Map<string, VersionChanges>;
  changeNotes?: Map<string, string>;
}

const LIST_DOMAINS = ['vger.kernel.org', 'kvack.org', 'lists.linux.dev', 'lists.infradead.org', 'lists.ozlabs.org', 'lists.freedesktop.org', 'lists.linux-foundation.org', 'googlegroups.com'];

/** Addresses that are mailing lists: named as L: in a section, or on a well-known list host. */
function isList(address: string, sectionLists: Set<string>): boolean {
  const a = address.toLowerCase();
  if (sectionLists.has(a)) return true;
  const domain = a.slice(a.indexOf('@') + 1);
  return LIST_DOMAINS.some((d) => domain === d) || domain.startsWith('lists.');
}

function maxDate(dates: (string | null)[]): string | null {
  return dates.filter((d): d is string => !!d).sort().pop() ?? null;
}

/**
 * The versions (oldest first) that led to a series: each one's version before, back to the first.
 * Without lineage (`previous` unset) the work's versions up to it.
 */
export function versionsUpTo(review: ReviewModel, s: ReviewSeries): ReviewSeries[] {
  const byId = new Map(review.series.map((x) => [x.id, x]));
  if (s.previous !== undefined) {
    return chainTo(s.id, (id) => byId.get(id)?.previous ?? null).map((id) => byId.get(id)).filter((x): x is ReviewSeries => !!x);
  }
  const all = s.versions.map((id) => byId.get(id)).filter((x): x is ReviewSeries => !!x);
  const at = all.findIndex((x) => x.id === s.id);
  return at < 0 ? [s] : all.slice(0, at + 1);
}

/** The newest version that leads from `s`: following the versions whose version before is the one at hand. */
function newestFrom(review: ReviewModel, s: ReviewSeries): ReviewSeries {
  const next = new Map<string, ReviewSeries>();
  for (const x of review.series) if (x.previous && !next.has(x.previous)) next.set(x.previous, x);
  let cur = s;
  const seen = new Set([s.id]);
  for (let n = next.get(cur.id); n && !seen.has(n.id); n = next.get(cur.id)) {
    seen.add(n.id);
    cur = n;
  }
  return cur;
}

function versionRef(v: ReviewSeries): VersionRef {
  return { version: v.version, id: v.id, date: v.date, url: loreUrl(v.id), title: v.title };
}

/** The date of every message of the series and its replies, one per message. */
export function activityDates(s: ReviewSeries): string[] {
  const dates: (string | null)[] = s.cover ? [s.cover.date, ...s.cover.replies.map((r) => r.date)] : [];
  for (const p of s.patches) dates.push(p.date, ...p.replies.map((r) => r.date));
  return dates.filter((d): d is string => !!d);
}

function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    let g = groups.get(f.ruleId);
    if (!g) {
      g = { ruleId: f.ruleId, title: f.title, severity: f.severity, rationale: f.rationale, findings: [] };
      if (f.link) g.link = f.link;
      groups.set(f.ruleId, g);
    }
    g.findings.push(f);
  }
  const rank: Record<Severity, number> = { high: 0, warn: 1, info: 2 };
  return [...groups.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || a.ruleId.localeCompare(b.ruleId));
}

function listsOf(s: ReviewSeries, mails: Map<string, Mail>): string[] {
  const sectionLists = new Set(s.patches.flatMap((p) => p.sections.flatMap((x) => x.lists.map((l) => l.toLowerCase()))));
  const out: string[] = [];
  for (const msgid of [s.cover?.msgid, ...s.patches.map((p) => p.msgid)]) {
    const m = msgid ? mails.get(msgid) : undefined;
    for (const a of [...(m?.to ?? []), ...(m?.cc ?? [])]) {
      const e = a.email.toLowerCase();
      if (e && isList(e, sectionLists) && !out.includes(e)) out.push(e);
    }
  }
  return out;
}

function previousVersion(review: ReviewModel, s: ReviewSeries): PreviousVersion | null {
  const older = s.lineage ? review.series.find((x) => x.id === s.lineage!.previous) : undefined;
  return older && s.lineage ? { ...versionRef(older), matchedBy: s.lineage.matchedBy, evidence: s.lineage.evidence } : null;
}

export function digestSeries(review: ReviewModel, s: ReviewSeries, mails: Map<string, Mail>, opts: DigestOptions = {}): SeriesDigest {
  const versions = versionsUpTo(review, s);
  // Feedback is judged against every version known, so an older version's digest says what became
  // of its comments; only comments on this version and earlier ones are listed.
  const known = versionsUpTo(review, s.previous !== undefined ? newestFrom(review, s) : review.series.find((x) => x.id === s.versions[s.versions.length - 1]) ?? s);
  const allSteps = known.slice(1).map((v, i) => opts.changes?.get(v.id) ?? compareVersions(known[i], v));
  const steps = allSteps.slice(0, versions.length - 1);
  const trailers = scopeTrailers(s, mails);
  const coverage = coverageMatrix(s, trailers, discussionMatcher(s.discussion));
  const upTo = new Set(versions.map((v) => v.id));
  const feedback = trackFeedback(known, mails, allSteps).filter((f) => upTo.has(f.seriesId));
  const missingCc: MissingCc[] = s.patches.filter((p) => p.missingRecipients.length).map((p) => ({ patch: p.index, title: p.title, msgid: p.msgid, missing: p.missingRecipients }));
  const reviewTrailers = trailers.filter((t) => t.applied && REVIEW_TRAILERS.has(t.name.toLowerCase()));
  // One person under two addresses (a listed one and the one they wrote from) is one reviewer.
  const personOf = new Map(s.discussion.people.flatMap((p) => p.emails.map((e) => [e, p.id] as const)));
  const reviewers = new Set(coverage.patches.flatMap((p) => p.people.map((x) => personOf.get(x.email.toLowerCase()) ?? x.email.toLowerCase())));
  const all = review.series.filter((x) => s.versions.includes(x.id));
  const digest: SeriesDigest = {
    summary: {
      seriesId: s.id,
      title: s.title,
      author: s.author,
      version: s.version,
      rfc: s.rfc,
      url: loreUrl(s.id),
      versions: all.map(versionRef),
      lists: listsOf(s, mails),
      posted: s.date,
      lastActivity: maxDate(activityDates(s)),
      baseCommit: s.baseCommit,
      changeId: s.changeId,
      counts: {
        patches: s.patches.length,
        missingPatches: s.missing.length,
        replies: (s.cover?.replies.length ?? 0) + s.patches.reduce((n, p) => n + p.replies.length, 0),
        reviewTrailers: reviewTrailers.length,
        reviewers: reviewers.size,
        comments: feedback.filter((f) => f.seriesId === s.id).length,
        openFeedback: feedback.filter((f) => f.status === 'open').length,
        findings: s.findings.length,
        missingCc: missingCc.reduce((n, m) => n + m.missing.length, 0),
        ...s.discussion.counts,
      },
    },
    coverage,
    discussion: s.discussion,
    trailers,
    changes: steps.length ? steps[steps.length - 1] : null,
    previousVersion: previousVersion(review, s),
    findings: groupFindings(s.findings),
    feedback,
    missingCc,
  };
  const note = opts.changeNotes?.get(s.id);
  if (note) digest.changesNote = note;
  return digest;
}

/** The newest version of each work in the model, newest activity first. */
export function latestVersions(review: ReviewModel): ReviewSeries[] {
  return newestOfEach(review.series, (s) => maxDate(activityDates(s)));
}

/**
 * The same over any list of series in input order, each with every version of its work and the
 * date of its last message (a streamed digest has only these of the whole input).
 */
export function newestOfEach<T extends { id: string; versions: string[] }>(series: T[], lastActivity: (s: T) => string | null): T[] {
  const byId = new Map(series.map((x) => [x.id, x]));
  const latest = new Map<string, T>();
  for (const s of series) {
    const last = byId.get(s.versions[s.versions.length - 1]) ?? s;
    latest.set(last.id, last);
  }
  return [...latest.values()].sort((a, b) => (lastActivity(b) ?? '').localeCompare(lastActivity(a) ?? ''));
}

/** When the last message about a series was sent. */
export function lastActivity(s: ReviewSeries): string | null {
  return maxDate(activityDates(s));
}

export function digestAll(review: ReviewModel, mails: Map<string, Mail>, opts: DigestOptions = {}): SeriesDigest[] {
  return latestVersions(review).map((s) => digestSeries(review, s, mails, opts));
}

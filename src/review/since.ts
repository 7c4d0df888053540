// A list digest over a time window (`digest --since DATE`): every series posted or discussed in the
// window, newest activity first, each with its full digest for the views to shorten.
import type { Mail } from '../model/mail.js';
import type { ReviewModel, ReviewSeries } from '../model/review.js';
import { activityDates, digestSeries, type DigestOptions, type SeriesDigest } from './digest.js';

export interface SinceEntry {
  digest: SeriesDigest;
  /** The series itself was posted in the window (not only discussed). */
  postedInWindow: boolean;
  /** Messages about the series dated in the window. */
  messagesInWindow: number;
  lastInWindow: string;
}

export interface SinceDigest {
  since: string;
  until: string;
  entries: SinceEntry[];
}

/** The window's bounds as ISO dates, and whether a date falls in it. */
export function sinceWindow(since: Date, until: Date): { since: string; until: string; has: (d: string | null) => boolean } {
  const from = since.toISOString();
  const to = until.toISOString();
  return { since: from, until: to, has: (d) => d !== null && d >= from && d <= to };
}

/** The entry of one series, or null when nothing about it is dated in the window. */
export function sinceEntry(review: ReviewModel, s: ReviewSeries, mails: Map<string, Mail>, window: ReturnType<typeof sinceWindow>, opts: DigestOptions = {}): SinceEntry | null {
  const dates = activityDates(s).filter(window.has);
  if (!dates.length) return null;
  return {
    digest: digestSeries(review, s, mails, opts),
    postedInWindow: window.has(s.date),
    messagesInWindow: dates.length,
    lastInWindow: dates.sort().pop()!,
  };
}

/** Newest activity in the window first, then by title (a stable sort keeps input order after that). */
export function sinceOrder(a: { lastInWindow: string; title: string }, b: { lastInWindow: string; title: string }): number {
  return b.lastInWindow.localeCompare(a.lastInWindow) || a.title.localeCompare(b.title);
}

export function sinceDigest(review: ReviewModel, mails: Map<string, Mail>, since: Date, until: Date, opts: DigestOptions = {}): SinceDigest {
  const window = sinceWindow(since, until);
  const entries = review.series.map((s) => sinceEntry(review, s, mails, window, opts)).filter((e): e is SinceEntry => e !== null);
  const key = (e: SinceEntry) => ({ lastInWindow: e.lastInWindow, title: e.digest.summary.title });
  entries.sort((a, b) => sinceOrder(key(a), key(b)));
  return { since: window.since, until: window.until, entries };
}

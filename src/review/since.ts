// A list digest over a time window (`digest --since DATE`): every series posted or discussed in the
// window, newest activity first, each with its full digest for the views to shorten.
import type { Mail } from '../model/mail.js';
import type { ReviewModel } from '../model/review.js';
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

export function sinceDigest(review: ReviewModel, mails: Map<string, Mail>, since: Date, until: Date, opts: DigestOptions = {}): SinceDigest {
  const from = since.toISOString();
  const to = until.toISOString();
  const inWindow = (d: string | null) => d !== null && d >= from && d <= to;
  const entries: SinceEntry[] = [];
  for (const s of review.series) {
    const dates = activityDates(s).filter(inWindow);
    if (!dates.length) continue;
    entries.push({
      digest: digestSeries(review, s, mails, opts),
      postedInWindow: inWindow(s.date),
      messagesInWindow: dates.length,
      lastInWindow: dates.sort().pop()!,
    });
  }
  entries.sort((a, b) => b.lastInWindow.localeCompare(a.lastInWindow) || a.digest.summary.title.localeCompare(b.digest.summary.title));
  return { since: from, until: to, entries };
}

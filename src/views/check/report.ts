// What the check formats read of a review, and nothing more: per series its names, its patches and
// its findings; for the run the totals. Small runs take it from the review model (reportOf); a run
// over an archive keeps the series in a temporary table and gives them back in order
// (src/cli/check-stream.ts), so both give the same bytes through the same formatters.
import type { IngestError } from '../../model/mail.js';
import type { Finding, MissingRecipient, ReviewModel, ReviewSeries, Severity } from '../../model/review.js';
import { counts, sortFindings } from './select.js';

export interface CheckPatch {
  index: number;
  msgid: string;
  subject: string;
  missingRecipients: MissingRecipient[];
  /** The first file it touches: where SARIF points a finding that has none. */
  firstFile: string | null;
}

export interface CheckSeries {
  id: string;
  title: string;
  version: number;
  total: number;
  /** The cover letter's subject, else the title: the heading of series-level findings. */
  subject: string;
  patches: CheckPatch[];
  /** In sortFindings order. */
  findings: Finding[];
}

export interface CheckReport {
  rules: string[];
  errors: IngestError[];
  /** Over every finding of every series. */
  counts: Record<Severity, number>;
  seriesCount: number;
  patchCount: number;
  /** The series in input order; each call starts again. */
  series: () => Iterable<CheckSeries>;
  /** Every finding of the run, as sortFindings orders them all; each call starts again. */
  findings: () => Iterable<Finding>;
}

export function checkSeries(s: ReviewSeries): CheckSeries {
  return {
    id: s.id, title: s.title, version: s.version, total: s.total, subject: s.cover?.subject ?? s.title,
    patches: s.patches.map((p) => ({ index: p.index, msgid: p.msgid, subject: p.subject, missingRecipients: p.missingRecipients, firstFile: p.files[0]?.path ?? null })),
    findings: sortFindings(s.findings),
  };
}

export function reportOf(review: ReviewModel): CheckReport {
  const series = review.series.map(checkSeries);
  const all = sortFindings(review.series.flatMap((s) => s.findings));
  return {
    rules: review.rules, errors: review.errors, counts: counts(all), seriesCount: series.length,
    patchCount: series.reduce((n, s) => n + s.patches.length, 0), series: () => series, findings: () => all,
  };
}

export function findingTotal(c: Record<Severity, number>): number {
  return c.high + c.warn + c.info;
}

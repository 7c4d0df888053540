// `check --json`: stable, documented in README ("check --json").
import type { ReviewModel } from '../../model/review.js';
import { counts, fails, sortFindings, type FailOn } from './select.js';

export function formatCheckJson(review: ReviewModel, failOn: FailOn): string {
  const findings = sortFindings(review.series.flatMap((s) => s.findings));
  return JSON.stringify({
    lorescope: 1,
    failOn,
    failed: fails(findings, failOn),
    counts: counts(findings),
    rules: review.rules,
    series: review.series.map((s) => ({
      id: s.id, title: s.title, version: s.version, total: s.total,
      patches: s.patches.map((p) => ({ index: p.index, msgid: p.msgid, subject: p.subject, missingRecipients: p.missingRecipients })),
    })),
    findings,
    errors: review.errors.map((e) => ({ source: e.origin.source, index: e.origin.index, msgid: e.msgid ?? null, severity: e.severity, message: e.message })),
  }, null, 2) + '\n';
}

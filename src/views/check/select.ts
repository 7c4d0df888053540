// Which findings a `check` run reports and whether they fail it.
import type { Finding, ReviewModel, Severity } from '../../model/review.js';

export type FailOn = Severity | 'none';

const RANK: Record<Severity, number> = { info: 0, warn: 1, high: 2 };

export function atLeast(f: Finding, level: Severity): boolean {
  return RANK[f.severity] >= RANK[level];
}

export function allFindings(review: ReviewModel): Finding[] {
  return review.series.flatMap((s) => s.findings);
}

export function fails(findings: Finding[], failOn: FailOn): boolean {
  return failsAt(counts(findings), failOn);
}

/** The same from the counts by severity (a run that did not keep its findings). */
export function failsAt(c: Record<Severity, number>, failOn: FailOn): boolean {
  return failOn !== 'none' && (Object.keys(c) as Severity[]).some((s) => c[s] > 0 && RANK[s] >= RANK[failOn]);
}

export function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { high: 0, warn: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Findings in a stable order: series, patch, file, line, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.patchIndex - b.patchIndex || (a.file ?? '').localeCompare(b.file ?? '')
    || (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

// Findings as check-run annotations and the run's title, summary and conclusion: pure functions of
// the review model.
import type { Finding, ReviewModel, Severity } from '../../model/review.js';
import { allFindings, counts, fails, sortFindings, type FailOn } from '../check/select.js';
import { md } from '../digest/escape.js';
import { sanitize, sanitizeLine } from '../../util/sanitize.js';

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this many, findings are counted in the summary only (each 50 costs one spaced write). */
export const MAX_ANNOTATIONS = 1000;
/** GitHub's limit on output.summary and output.text. */
const MAX_SUMMARY = 65535;

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  raw_details?: string;
}

export type Conclusion = 'success' | 'failure' | 'neutral';

const LEVEL: Record<Severity, AnnotationLevel> = { high: 'failure', warn: 'warning', info: 'notice' };

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A finding on a file line; findings without a file (series-level) go to the summary instead. */
export function toAnnotation(f: Finding): Annotation | null {
  if (!f.file) return null;
  const line = f.line && f.line > 0 ? f.line : 1;
  const where = f.side === 'old' ? `(removed line ${line} of the old file) ` : f.line ? '' : '(whole file) ';
  const message = `${where}${sanitize(f.message)}${f.text ? `\n${sanitize(f.text)}` : ''}`;
  const details = [f.rationale, f.link].filter(Boolean).map((s) => sanitize(String(s))).join('\n\n');
  return {
    path: sanitizeLine(f.file),
    start_line: line,
    end_line: line,
    annotation_level: LEVEL[f.severity],
    title: clip(sanitizeLine(f.ruleId), 255),
    message: clip(message, 4000),
    ...(details ? { raw_details: clip(details, 4000) } : {}),
  };
}

export function annotationsOf(review: ReviewModel): Annotation[] {
  return sortFindings(allFindings(review)).map(toAnnotation).filter((a): a is Annotation => a !== null);
}

export function batches<T>(items: T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** failure when a finding reaches --fail-on; neutral when told never to fail but something was found. */
export function conclusionOf(review: ReviewModel, failOn: FailOn): Conclusion {
  const findings = allFindings(review);
  if (fails(findings, failOn)) return 'failure';
  return failOn === 'none' && findings.length ? 'neutral' : 'success';
}

export function titleOf(review: ReviewModel): string {
  const c = counts(allFindings(review));
  const total = c.high + c.warn + c.info;
  if (!total) return 'No findings';
  return `${total} finding${total === 1 ? '' : 's'}: ${c.high} high, ${c.warn} warn, ${c.info} info`;
}

const FAIL_WORDS: Record<FailOn, string> = { high: 'high findings', warn: 'warn or high findings', info: 'any finding', none: 'nothing (--fail-on none)' };

/** Markdown: counts, the threshold, and the findings that have no file line to annotate. */
export function summaryOf(review: ReviewModel, failOn: FailOn, annotated: number): string {
  const findings = sortFindings(allFindings(review));
  const patches = review.series.reduce((n, s) => n + s.patches.length, 0);
  const out = [
    `lorescope checked ${review.series.length} series (${patches} patches); it fails on ${FAIL_WORDS[failOn]}.`,
    '',
  ];
  const c = counts(findings);
  if (findings.length) out.push(`| high | warn | info |`, `|---:|---:|---:|`, `| ${c.high} | ${c.warn} | ${c.info} |`, '');
  const withFile = findings.filter((f) => f.file).length;
  if (withFile) out.push(`${annotated} of ${withFile} findings on files are shown as annotations${annotated < withFile ? ` (at most ${MAX_ANNOTATIONS})` : ''}.`, '');
  const rows: string[] = [];
  const many = review.series.length > 1;
  for (const s of review.series) {
    for (const f of sortFindings(s.findings.filter((x) => !x.file))) {
      const where = `${f.patchIndex ? `patch ${f.patchIndex}/${s.total}` : 'series'}${many ? ` of “${md(clip(s.title, 60))}”` : ''}`;
      rows.push(`| ${f.severity} | \`${sanitizeLine(f.ruleId).replace(/`/g, '')}\` | ${where} | ${md(f.message)} |`);
    }
  }
  if (rows.length) out.push('### Findings on the series and commit messages', '', '| Severity | Rule | Where | Message |', '|---|---|---|---|', ...rows, '');
  const text = out.join('\n');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 40)}\n\n… (summary cut at GitHub's limit)` : text;
}

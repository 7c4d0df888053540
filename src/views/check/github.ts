// GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`.
import type { Finding, ReviewModel } from '../../model/review.js';
import { reportOf, type CheckReport } from './report.js';

/** Escaping as in actions/toolkit's command.ts: data escapes % CR LF; properties also : and ,. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const LEVEL = { high: 'error', warn: 'warning', info: 'notice' } as const;

export function annotation(f: Finding): string {
  const props = [
    f.file ? `file=${escapeProperty(f.file)}` : null,
    f.file && f.line ? `line=${f.line}` : null,
    `title=${escapeProperty(`${f.ruleId}: ${f.title}`)}`,
  ].filter(Boolean).join(',');
  return `::${LEVEL[f.severity]} ${props}::${escapeData(`${f.message}${f.text ? `\n${f.text}` : ''}`)}`;
}

/** One line per finding, all of the run in sortFindings order (a run without findings is one empty line). */
export function* githubChunks(report: CheckReport): Generator<string> {
  let n = 0;
  for (const f of report.findings()) {
    n++;
    yield `${annotation(f)}\n`;
  }
  if (!n) yield '\n';
}

export function formatGithub(review: ReviewModel): string {
  return [...githubChunks(reportOf(review))].join('');
}

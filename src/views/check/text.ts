// Readable `check` output, grouped by patch like a compiler's diagnostics. By default one entry per
// patch and rule: how often it matched, where (compact file:line lists) and the first matched line.
// `all` writes one entry per matched line instead. JSON, SARIF and GitHub keep every location.
import type { Finding, ReviewModel } from '../../model/review.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { findingTotal, reportOf, type CheckReport } from './report.js';
import { compactLocations, groupFindings, type FindingGroup } from './group.js';
import { paint, type Palette } from '../color.js';

export interface CheckTextOptions {
  /** One entry per matched line (the output before grouping). */
  all?: boolean;
}

/** Room for the locations of one group before they are cut with "(+N more files)". */
const LOCATIONS_WIDTH = 100;

function where(f: Finding): string {
  return f.file ? `${sanitizeLine(f.file)}${f.line ? `:${f.line}` : ''}` : f.patchIndex === 0 ? '(series)' : '(mail)';
}

/** The matched line, and the rule's message when the line alone does not say it. */
function detail(f: Finding, color: Palette): string[] {
  const out: string[] = [];
  const marker = f.side === 'old' ? '-' : f.side === 'new' ? '+' : ' ';
  if (f.text) out.push(`        ${color.dim(`${marker} ${sanitizeLine(f.text).trim().slice(0, 160)}`)}`);
  if (!f.text || !f.message.includes(f.text.trim())) out.push(`        ${sanitizeLine(f.message)}`);
  return out;
}

function everyLine(list: Finding[], color: Palette): string[] {
  return list.flatMap((f) => [`  ${paint(color, f.severity)}  ${color.cyan(f.ruleId)}  ${where(f)}  ${sanitizeLine(f.title)}`, ...detail(f, color)]);
}

function grouped(groups: FindingGroup[], color: Palette): string[] {
  return groups.flatMap((g) => {
    const f = g.findings[0];
    const n = g.findings.length;
    const loc = f.file ? compactLocations(g.findings, LOCATIONS_WIDTH, sanitizeLine) : where(f);
    const count = n > 1 ? ` ×${n}` : '';
    return [`  ${paint(color, g.severity)}  ${color.cyan(g.ruleId)}${count}  ${loc}  ${sanitizeLine(f.title)}`, ...detail(f, color)];
  });
}

/** The report as lines of text, series by series as they come, the rules' reasons and totals last. */
export function* checkTextChunks(report: CheckReport, color: Palette, opts: CheckTextOptions = {}): Generator<string> {
  const why = new Map<string, string>();
  let entries = 0;
  for (const s of report.series()) {
    const out: string[] = [];
    const subjectOf = new Map<number, string>([[0, s.subject]]);
    for (const p of s.patches) subjectOf.set(p.index, p.subject);
    const byPatch = new Map<number, Finding[]>();
    for (const f of s.findings) {
      byPatch.set(f.patchIndex, [...(byPatch.get(f.patchIndex) ?? []), f]);
      why.set(f.ruleId, f.rationale);
    }
    for (const [index, list] of byPatch) {
      out.push(color.bold(sanitizeLine(subjectOf.get(index) ?? `patch ${index}`)));
      if (opts.all) {
        out.push(...everyLine(list, color));
        entries += list.length;
      } else {
        const groups = groupFindings(list);
        out.push(...grouped(groups, color));
        entries += groups.length;
      }
      out.push('');
    }
    if (out.length) yield out.map((l) => `${l}\n`).join('');
  }
  const out: string[] = [];
  if (why.size) {
    out.push(color.bold('Why these rules matter:'));
    for (const [id, text] of [...why].sort()) out.push(`  ${color.cyan(id)}: ${sanitizeLine(text)}`);
    out.push('');
  }
  const c = report.counts;
  const all = findingTotal(c);
  const shape = !opts.all && entries < all ? `; ${entries} entries, one per patch and rule (--all: one per matched line)` : '';
  out.push(`${all} finding${all === 1 ? '' : 's'}: ${c.high} high, ${c.warn} warn, ${c.info} info (${report.seriesCount} series, ${report.patchCount} patches)${shape}`);
  yield out.map((l) => `${l}\n`).join('');
}

export function formatCheckText(review: ReviewModel, color: Palette, opts: CheckTextOptions = {}): string {
  return [...checkTextChunks(reportOf(review), color, opts)].join('');
}

// Readable `check` output, grouped by patch, like a compiler's diagnostics.
import type { ReviewModel } from '../../model/review.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { counts, sortFindings } from './select.js';
import { paint, type Palette } from '../color.js';

export function formatCheckText(review: ReviewModel, color: Palette): string {
  const out: string[] = [];
  for (const s of review.series) {
    const subjectOf = new Map<number, string>([[0, s.cover?.subject ?? s.title]]);
    for (const p of s.patches) subjectOf.set(p.index, p.subject);
    const byPatch = new Map<number, typeof s.findings>();
    for (const f of sortFindings(s.findings)) {
      const list = byPatch.get(f.patchIndex) ?? [];
      list.push(f);
      byPatch.set(f.patchIndex, list);
    }
    if (byPatch.size === 0) continue;
    for (const [index, list] of byPatch) {
      out.push(color.bold(sanitizeLine(subjectOf.get(index) ?? `patch ${index}`)));
      for (const f of list) {
        const where = f.file ? `${sanitizeLine(f.file)}${f.line ? `:${f.line}` : ''}` : '(series)';
        out.push(`  ${paint(color, f.severity)}  ${color.cyan(f.ruleId)}  ${where}  ${sanitizeLine(f.title)}`);
        if (f.text) out.push(`        ${color.dim(sanitizeLine(f.text).slice(0, 160))}`);
        out.push(`        ${sanitizeLine(f.message)}`);
      }
      out.push('');
    }
  }
  const all = review.series.flatMap((s) => s.findings);
  const c = counts(all);
  out.push(`${all.length} finding${all.length === 1 ? '' : 's'}: ${c.high} high, ${c.warn} warn, ${c.info} info (${review.series.length} series, ${review.series.reduce((n, s) => n + s.patches.length, 0)} patches)`);
  return out.join('\n') + '\n';
}

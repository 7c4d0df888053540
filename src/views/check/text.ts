// Readable `check` output, grouped by patch, like a compiler's diagnostics.
import type { ReviewModel } from '../../model/review.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { counts, sortFindings } from './select.js';
import { paint, type Palette } from '../color.js';

export function formatCheckText(review: ReviewModel, color: Palette): string {
  const out: string[] = [];
  const why = new Map<string, string>();
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
        const where = f.file ? `${sanitizeLine(f.file)}${f.line ? `:${f.line}` : ''}` : index === 0 ? '(series)' : '(mail)';
        out.push(`  ${paint(color, f.severity)}  ${color.cyan(f.ruleId)}  ${where}  ${sanitizeLine(f.title)}`);
        const marker = f.side === 'old' ? '-' : f.side === 'new' ? '+' : ' ';
        if (f.text) out.push(`        ${color.dim(`${marker} ${sanitizeLine(f.text).trim().slice(0, 160)}`)}`);
        if (!f.text || !f.message.includes(f.text.trim())) out.push(`        ${sanitizeLine(f.message)}`);
        why.set(f.ruleId, f.rationale);
      }
      out.push('');
    }
  }
  if (why.size) {
    out.push(color.bold('Why these rules matter:'));
    for (const [id, text] of [...why].sort()) out.push(`  ${color.cyan(id)}: ${sanitizeLine(text)}`);
    out.push('');
  }
  const all = review.series.flatMap((s) => s.findings);
  const c = counts(all);
  out.push(`${all.length} finding${all.length === 1 ? '' : 's'}: ${c.high} high, ${c.warn} warn, ${c.info} info (${review.series.length} series, ${review.series.reduce((n, s) => n + s.patches.length, 0)} patches)`);
  return out.join('\n') + '\n';
}

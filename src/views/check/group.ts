// Findings grouped the way a reviewer reads them: one group per patch and rule, with every place
// the rule matched, so a rule that fires on twenty lines of one patch is one entry, not twenty.
import type { Finding, Severity } from '../../model/review.js';
import { sortFindings } from './select.js';

export interface FindingGroup {
  patchIndex: number;
  msgid: string | null;
  ruleId: string;
  severity: Severity;
  /** In file and line order; the first is the one shown. */
  findings: Finding[];
}

const RANK: Record<Severity, number> = { high: 0, warn: 1, info: 2 };

/** Groups per (patch, rule): patches in order, most severe rule first, then where it first matched. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  const order: FindingGroup[] = [];
  for (const f of sortFindings(findings)) {
    // A rule's severity is one per run, but a finding may be stamped otherwise: keep them apart.
    const key = JSON.stringify([f.patchIndex, f.msgid, f.ruleId, f.severity]);
    let g = groups.get(key);
    if (!g) {
      g = { patchIndex: f.patchIndex, msgid: f.msgid, ruleId: f.ruleId, severity: f.severity, findings: [] };
      groups.set(key, g);
      order.push(g);
    }
    g.findings.push(f);
  }
  const first = new Map(order.map((g, i) => [g, i]));
  return order.sort((a, b) => a.patchIndex - b.patchIndex || RANK[a.severity] - RANK[b.severity] || first.get(a)! - first.get(b)!);
}

/** Line numbers as git users write them: sorted, each once, runs as `a-b`. */
export function compactLines(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(',');
}

/**
 * Where a group matched: `file:l1,l2-l3 file2:l4`, files in order of first match, cut at about
 * `max` characters with a count of what was left out. `clean` makes a file name safe to print.
 */
export function compactLocations(findings: Finding[], max: number, clean: (s: string) => string = (s) => s): string {
  const byFile = new Map<string, number[]>();
  for (const f of findings) {
    if (!f.file) continue;
    const lines = byFile.get(f.file) ?? [];
    if (f.line !== null) lines.push(f.line);
    byFile.set(f.file, lines);
  }
  if (!byFile.size) return '';
  const parts = [...byFile].map(([file, lines]) => (lines.length ? `${clean(file)}:${compactLines(lines)}` : clean(file)));
  // One file with lines enough to fill the room alone keeps its first numbers.
  if (parts[0].length > max) {
    const cut = parts[0].lastIndexOf(',', max);
    if (cut > 0) parts[0] = `${parts[0].slice(0, cut)},…`;
  }
  let text = '';
  let shown = 0;
  for (const p of parts) {
    if (shown > 0 && text.length + 1 + p.length > max) break;
    text += (shown ? ' ' : '') + p;
    shown++;
  }
  if (shown < parts.length) text += ` (+${parts.length - shown} more file${parts.length - shown === 1 ? '' : 's'})`;
  return text;
}

// Short badges for a patch: review trailers (R-b/A-b/T-b with the people behind them) and finding
// counts by severity.
import type { Finding, Severity, Trailer } from '../../model/review.js';

const BADGES: [name: string, badge: string][] = [
  ['reviewed-by', 'R-b'],
  ['acked-by', 'A-b'],
  ['tested-by', 'T-b'],
];

export interface TrailerBadge {
  badge: string;
  trailers: Trailer[];
}

/** Applied R-b/A-b/T-b trailers grouped by kind, one per person. */
export function trailerBadges(trailers: Trailer[]): TrailerBadge[] {
  const out: TrailerBadge[] = [];
  for (const [name, badge] of BADGES) {
    const seen = new Set<string>();
    const list = trailers.filter((t) => {
      if (!t.applied || t.name.toLowerCase() !== name) return false;
      const who = (t.person?.email ?? t.value).toLowerCase();
      if (seen.has(who)) return false;
      seen.add(who);
      return true;
    });
    if (list.length) out.push({ badge, trailers: list });
  }
  return out;
}

export const SEVERITIES: Severity[] = ['high', 'warn', 'info'];
export const SEVERITY_LETTER: Record<Severity, string> = { high: 'H', warn: 'W', info: 'I' };

export function findingCounts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { high: 0, warn: 0, info: 0 };
  for (const f of findings) c[f.severity] = (c[f.severity] ?? 0) + 1;
  return c;
}

/** "Reviewed-by: Name <email> # scope" for the detail pane and the patch header. */
export function trailerLine(t: Trailer): string {
  const who = t.person ? (t.person.name ? `${t.person.name} <${t.person.email}>` : t.person.email) : t.value;
  return `${t.name}: ${who}${t.scope ? ` ${t.scope}` : ''}`;
}

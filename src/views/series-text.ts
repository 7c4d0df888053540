// The readable `lorescope series` table.
import type { Series, SeriesModel, Trailer } from '../model/series.js';
import type { ReviewSeries } from '../model/review.js';
import type { LinkKind } from '../model/lineage.js';
import { sanitizeLine } from '../util/sanitize.js';

const LINEAGE_WORD: Record<LinkKind, string> = { 'change-id': 'same change-id', link: 'linked from the cover letter', title: 'same title', evidence: 'same author, patches and files' };
const ABBREV: Record<string, string> = { 'reviewed-by': 'R-b', 'acked-by': 'A-b', 'tested-by': 'T-b' };

export function trailerBadges(trailers: Trailer[]): string {
  const counts = new Map<string, number>();
  for (const t of trailers) {
    const k = ABBREV[t.name.toLowerCase()];
    if (k && t.applied && t.source !== 'patch') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}:${n}`).join(' ');
}

function seriesHeader(s: Series): string {
  const flags = [`v${s.version}`, `${s.patches.length}/${s.total} patches`];
  if (s.rfc) flags.push('RFC');
  if (s.resend) flags.push('RESEND');
  if (s.prefixes.length) flags.push(...s.prefixes.map((p) => `[${p}]`));
  const who = s.author.name ? `${s.author.name} <${s.author.email}>` : s.author.email;
  return `${sanitizeLine(s.title)}\n  ${flags.join(', ')} · ${sanitizeLine(who)} · ${s.date?.slice(0, 10) ?? 'no date'}`;
}

export function formatSeriesTable(model: Omit<SeriesModel, 'series'> & { series: Series[] | ReviewSeries[] }): string {
  const out: string[] = [];
  for (const s of model.series as Series[]) {
    out.push(seriesHeader(s));
    const lin = (s as Partial<ReviewSeries>).lineage;
    if (lin) out.push(`  follows v${lin.version}${lin.title !== s.title ? ` "${sanitizeLine(lin.title)}"` : ''} <${sanitizeLine(lin.previous)}> (${LINEAGE_WORD[lin.matchedBy]})`);
    if (s.cover) out.push(`  ${'0'.padStart(3)}  cover  ${sanitizeLine(s.cover.subject)}  <${sanitizeLine(s.cover.msgid)}>  replies:${s.cover.replies.length} ${trailerBadges(s.cover.trailers)}`.trimEnd());
    for (const p of s.patches as (Series['patches'][number] & { tags?: string[] })[]) {
      const mark = p.supersededBy ? ' (superseded)' : '';
      const tags = p.tags?.length ? `  [${p.tags.join(',')}]` : '';
      out.push(`  ${String(p.index).padStart(3)}  ${sanitizeLine(p.title)}${mark}${tags}  replies:${p.replies.length} ${trailerBadges(p.trailers)}`.trimEnd());
    }
    for (const r of s.rerolls) out.push(`  ${String(r.index).padStart(3)}  ${sanitizeLine(r.subject)}  (reroll of <${sanitizeLine(r.replaces ?? '')}>)`);
    for (const x of s.extra) out.push(`    +  ${sanitizeLine(x.subject)}  (extra)`);
    if (s.missing.length) out.push(`  missing: ${s.missing.join(', ')}`);
    out.push('');
  }
  const errs = model.errors.filter((e) => e.severity === 'error').length;
  out.push(`${model.series.length} series, ${model.messages} messages, ${model.comments} comments, ${model.duplicates} duplicates, ${errs} errors, ${model.errors.length - errs} warnings`);
  return out.join('\n') + '\n';
}

export function formatErrors(model: Pick<SeriesModel, 'errors'>): string {
  return model.errors
    .map((e) => `lorescope: ${e.severity}: ${sanitizeLine(e.origin.source)}${e.origin.index >= 0 ? ` #${e.origin.index + 1}` : ''}${e.origin.locator ? ` (${sanitizeLine(e.origin.locator)})` : ''}${e.msgid ? ` <${sanitizeLine(e.msgid)}>` : ''}: ${sanitizeLine(e.message)}`)
    .join('\n');
}

// Which series are versions of the same work. For the review model: the lineage matcher (lineage.ts)
// over summaries of the review series, with the version before each and the patch mapping old → new,
// across title changes. For `am`, which must pick revisions as b4 does: b4's rule (the same change-id,
// or the same author and title).
import type { LineageSummary, PatchMapping, SeriesLineage } from '../model/lineage.js';
import type { ReviewSeries } from '../model/review.js';
import type { Series } from '../model/series.js';
import { linkLineage, lineageGroups, type LineageOptions } from './lineage.js';
import { summarize } from './lineage-summary.js';
import { pairPatches } from './patch-pairing.js';
import { UnionFind } from '../util/union-find.js';

export interface VersionInfo {
  /** Series ids of every version of the work, in posting order (this one included). */
  versions: string[];
  previous: string | null;
  lineage: SeriesLineage | null;
}

/** Versions, version before and patch mapping for every series. */
export function lineageOf(series: ReviewSeries[], patchBody?: (msgid: string) => string | undefined, opts: LineageOptions = {}): Map<string, VersionInfo> {
  return lineageFromSummaries(series.map((s) => summarize(s, patchBody)), opts);
}

/** The same from the series' summaries (in the order the series appear), however they were gathered. */
export function lineageFromSummaries(summaries: LineageSummary[], opts: LineageOptions = {}): Map<string, VersionInfo> {
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const links = linkLineage(summaries, opts);
  const groups = lineageGroups(summaries, links);
  const out = new Map<string, VersionInfo>();
  for (const s of summaries) {
    const link = links.get(s.id);
    const older = link ? byId.get(link.older) : undefined;
    let lineage: SeriesLineage | null = null;
    if (link && older) {
      const patches: PatchMapping[] = pairPatches(older.patches, s.patches).map((p) => ({ kind: p.kind, older: p.older?.index ?? null, newer: p.newer?.index ?? null, by: p.by }));
      lineage = { previous: older.id, version: older.version, title: older.title, matchedBy: link.by, evidence: link.evidence, patches };
    }
    out.set(s.id, { versions: groups.get(s.id) ?? [s.id], previous: lineage?.previous ?? null, lineage });
  }
  return out;
}

// b4's grouping, for `am`: same change-id, or same author and normalised title.
function titleKey(s: Series): string {
  return `title:${s.author.email.toLowerCase()}\u0000${s.title.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** b4's versions of each series: map from series id to the ids of all versions of its work, oldest first. */
export function linkVersions(series: Series[]): Map<string, string[]> {
  const uf = new UnionFind<string>();
  for (const s of series) {
    uf.union(`id:${s.id}`, titleKey(s));
    if (s.changeId) uf.union(`id:${s.id}`, `change-id:${s.changeId}`);
  }
  const find = (k: string) => uf.find(k);
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    const r = find(`id:${s.id}`);
    const g = groups.get(r) ?? [];
    g.push(s);
    groups.set(r, g);
  }
  const out = new Map<string, string[]>();
  for (const g of groups.values()) {
    const ids = [...g].sort((a, b) => a.version - b.version || (a.date ?? '').localeCompare(b.date ?? '')).map((s) => s.id);
    for (const s of g) out.set(s.id, ids);
  }
  return out;
}

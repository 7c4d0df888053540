// Which series are versions of the same work, and which is the version before each: the lineage
// matcher (lineage.ts) over summaries of the review series, with the patch mapping old → new.
import type { PatchMapping, SeriesLineage } from '../model/lineage.js';
import type { ReviewSeries } from '../model/review.js';
import { linkLineage, lineageGroups, type LineageOptions } from './lineage.js';
import { summarize } from './lineage-summary.js';
import { pairPatches } from './patch-pairing.js';

export interface VersionInfo {
  /** Series ids of every version of the work, in posting order (this one included). */
  versions: string[];
  previous: string | null;
  lineage: SeriesLineage | null;
}

/** Versions, version before and patch mapping for every series. */
export function linkVersions(series: ReviewSeries[], patchBody?: (msgid: string) => string | undefined, opts: LineageOptions = {}): Map<string, VersionInfo> {
  const summaries = series.map((s) => summarize(s, patchBody));
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

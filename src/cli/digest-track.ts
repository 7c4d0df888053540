// `digest --track`: the tracked rows of every version of each series in the digest.
import type { ReviewSeries } from '../model/review.js';
import type { DigestTrack } from '../views/digest/track.js';
import { openStore, type TrackFlags } from './track-context.js';

/** `onlyTracked`: leave out series nobody tracks (a --since digest of a whole list). */
export async function digestTrack(series: ReviewSeries[], flags: TrackFlags, onlyTracked = false): Promise<DigestTrack> {
  const store = await openStore(flags);
  try {
    const rows = await store.list({ includeArchived: true });
    return {
      where: store.where,
      series: series.map((s) => {
        const versions = new Set([s.id, ...s.versions]);
        return { id: s.id, title: s.title, version: s.version, rows: rows.filter((r) => versions.has(r.series.id)).sort((a, b) => b.series.version - a.series.version) };
      }).filter((s) => !onlyTracked || s.rows.length),
    };
  } finally {
    await store.close();
  }
}

// What the review state remembers of a series, taken from the assembled series.
import type { Series } from '../model/series.js';
import type { SeriesInfo } from './types.js';

/** Newest date of the series' own mail and every reply to it, as ISO text. */
function newestMail(s: Series): string | null {
  let newest: string | null = null;
  const see = (d: string | null) => {
    if (!d) return;
    const t = new Date(d);
    if (Number.isNaN(t.getTime())) return;
    const iso = t.toISOString();
    if (!newest || iso > newest) newest = iso;
  };
  for (const m of [...(s.cover ? [s.cover] : []), ...s.patches, ...s.rerolls]) {
    see(m.date);
    for (const r of m.replies) see(r.date);
  }
  return newest;
}

export function seriesInfo(s: Series): SeriesInfo {
  return {
    id: s.id,
    title: s.title,
    version: s.version,
    total: s.total,
    author: { name: s.author.name, email: s.author.email },
    changeId: s.changeId,
    baseCommit: s.baseCommit,
    lastMail: newestMail(s),
    patches: s.patches.map((p) => ({ index: p.index, msgid: p.msgid, title: p.title })),
  };
}

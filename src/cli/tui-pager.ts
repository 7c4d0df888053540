// `lorescope tui ARCHIVE` a window at a time. An indexed input with more series than one window holds
// is cut into windows of a few unit batches (unit-stream.ts's batches, restricted to the units that
// can hold a series); the UI holds one window's mail and review, and `}` / `{` past its last / first
// series load the next / previous one. Memory is bounded by a window, not by the archive.
import type { Db } from '../index/db.js';
import type { IndexedSource } from '../index/catalog.js';
import type { Loaded } from '../pipeline/load.js';
import type { ReviewModel } from '../model/review.js';
import { batchesInOrder } from './unit-stream.js';
import { indexedMessages, seriesEstimate, unitsWithSeries } from '../index/load.js';
import { plainSources } from '../index/plain.js';
import { analyse, collectFrom, newCollector } from '../pipeline/load.js';
import { buildReview } from '../review/build.js';
import type { SourceFlags } from './load.js';

/** Unit batches (~256 KiB of mail each) a window holds. */
export const WINDOW_BATCHES = 3;

export interface Window {
  index: number;
  loaded: Loaded;
  /** The series of the window, built for the first frame (no discussion, no analysis yet). */
  review: ReviewModel;
}

export interface Pager {
  /** How many windows the input makes. */
  count: number;
  /** About how many series the input holds (the index's count of first patches). */
  total: number;
  read(index: number): Promise<Window>;
}

/** The windows of the sources, or null when one window would hold every series (then the UI reads it all, as before). */
export function openPager(db: Db, sources: IndexedSource[], opts: { sloppyTrailers?: boolean }): Pager | null {
  const batches = batchesInOrder(db, sources, unitsWithSeries(db, sources));
  if (batches.length <= WINDOW_BATCHES) return null;
  const windows: number[][] = [];
  for (let i = 0; i < batches.length; i += WINDOW_BATCHES) windows.push(batches.slice(i, i + WINDOW_BATCHES).flat());
  let plain: Promise<IndexedSource[]> | null = null;
  return {
    count: windows.length,
    total: seriesEstimate(db, sources),
    async read(index) {
      const units = windows[index];
      if (!units) throw new Error(`no window ${index + 1} (of ${windows.length})`);
      plain ??= plainSources(sources);
      const col = newCollector();
      await collectFrom(col, indexedMessages(db, await plain, units));
      // Versions in the window are linked (units keep a title's or change-id's versions together).
      const loaded = analyse(col, { sloppyTrailers: opts.sloppyTrailers });
      return { index, loaded, review: buildReview(loaded, {}, { discussion: false }) };
    },
  };
}

/** The pager when every SOURCE is a local path the index holds and it makes several windows; else null (read it all). */
export async function pagerFor(args: string[], flags: SourceFlags): Promise<Pager | null> {
  const { indexedSources } = await import('./load.js');
  const indexed = await indexedSources(args, flags);
  return indexed ? openPager(indexed.db, indexed.sources, flags) : null;
}

// Indexed sources read unit by unit (src/index/units.ts), for the commands that must not hold a whole
// archive: `series --json`, `check`, `digest`. Memory is bounded by the largest unit, not the input.
// Units are read, assembled and reviewed apart from the rest (a few small ones together); this module
// gives every series the place reading everything would give it, and adds up what the whole input
// reports (messages, comments, errors). What a command keeps of each unit, and how it writes the
// result in order, is the command's own; what it keeps must be copies (util/detach.ts), not slices
// of the unit's mail.
import type { IngestError } from '../model/mail.js';
import type { LineageSummary } from '../model/lineage.js';
import type { ReviewModel, ReviewSeries } from '../model/review.js';
import type { Analysers, BuildOptions } from '../review/build.js';
import type { Db } from '../index/db.js';
import type { IndexedSource } from '../index/catalog.js';
import { analyse, collectFrom, newCollector, type Loaded } from '../pipeline/load.js';
import { buildReview } from '../review/build.js';
import { summarize } from '../review/lineage-summary.js';
import { lineageFromSummaries, type VersionInfo } from '../review/versions.js';
import { entriesOf, indexedMessages } from '../index/load.js';
import { readRows, type StoredRow } from '../index/read.js';
import { plainSources } from '../index/plain.js';
import { detached } from '../util/detach.js';
import { boundHeapGrowth } from '../util/heap.js';

/** Positions are source ordinal × POS + index in the source: input order across several sources. */
const POS = 2 ** 32;

/**
 * Units are read in small batches: consecutive units (in input order) up to about BATCH_BYTES of mail,
 * a larger unit alone. Reading several whole units gives for them what reading everything gives (the
 * --since selection relies on the same); most units are a message or two, and a batch costs one
 * query, one transaction and, for a gzip file, one pass over it instead of one per unit. Small
 * enough that the largest unit, not the batch, sets the peak (6 MB of mail in the cgroups archive).
 */
const BATCH_BYTES = 256 * 1024;
/** What a message of a maildir or an inbox (no length in the index) counts for. */
const GUESSED_BYTES = 16 * 1024;

/** Every unit of the sources (or of `only`), by the position of its first message in the input, in batches. */
export function batchesInOrder(db: Db, sources: IndexedSource[], only: number[] | null): number[][] {
  const keep = only ? new Set(only) : null;
  const first = new Map<number, { pos: number; bytes: number }>();
  const q = db.prepare(`SELECT i.unit AS unit, min(m.seq) AS seq, sum(coalesce(m.len, ${GUESSED_BYTES})) AS bytes
    FROM messages m JOIN ids i ON i.msgid = m.msgid WHERE m.source = ? AND m.gone = 0 GROUP BY i.unit`);
  sources.forEach((s, k) => {
    for (const r of q.all(s.id) as { unit: number; seq: number; bytes: number }[]) {
      if (keep && !keep.has(r.unit)) continue;
      const pos = k * POS + r.seq;
      const f = first.get(r.unit);
      if (!f) first.set(r.unit, { pos, bytes: r.bytes });
      else {
        f.pos = Math.min(f.pos, pos);
        f.bytes += r.bytes;
      }
    }
  });
  const batches: number[][] = [];
  let size = Infinity;
  for (const [unit, { bytes }] of [...first].sort((a, b) => a[1].pos - b[1].pos)) {
    if (size + bytes > BATCH_BYTES) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1].push(unit);
    size += bytes;
  }
  return batches;
}

type Placed<T> = { pos: number; value: T };

/** Entries that could not be read (no Message-ID, no unit): the errors reading everything reports for them. */
async function unreadable(db: Db, sources: IndexedSource[]): Promise<Placed<IngestError>[]> {
  const out: Placed<IngestError>[] = [];
  const q = db.prepare('SELECT seq, msgid, error, locator, off, len, sep, name, blob FROM messages WHERE source = ? AND gone = 0 AND msgid IS NULL ORDER BY seq');
  for (const [k, s] of sources.entries()) {
    const rows = q.all(s.id) as StoredRow[];
    for await (const m of readRows(s, rows)) out.push({ pos: k * POS + m.origin.index, value: { origin: m.origin, severity: 'error', message: m.error ?? 'unreadable message' } });
  }
  return out;
}

export interface UnitOptions {
  an: Analysers;
  sloppyTrailers: boolean;
  /** How each unit's review is built; lineage is always left to the caller (it spans units). */
  build?: Omit<BuildOptions, 'lineage'>;
}

/** Some units read together and reviewed, their series in input order. */
export interface UnitReview {
  units: number[];
  loaded: Loaded;
  review: ReviewModel;
  /** Where reading everything places a series of this review. */
  posOf: (s: ReviewSeries) => number;
  /** Where reading everything places a message or error of these units. */
  at: (origin: { source: string; index: number }) => number;
  /** The summary version lineage reads (see lineage-summary.ts), holding no part of the units' mail. */
  summary: (s: ReviewSeries) => LineageSummary;
}

/** Read `units` of the sources together and review them (a unit alone, or units whose versions link). */
export async function reviewUnits(db: Db, sources: IndexedSource[], units: number[], opts: UnitOptions): Promise<UnitReview & { count: number }> {
  const ordinal = new Map(sources.map((s, k) => [s.label, k]));
  const col = newCollector();
  await collectFrom(col, indexedMessages(db, await plainSources(sources), units));
  const loaded = analyse(col, { sloppyTrailers: opts.sloppyTrailers });
  const review = buildReview(loaded, opts.an, { ...opts.build, lineage: false });
  const at = (o: { source: string; index: number }) => (ordinal.get(o.source) ?? 0) * POS + o.index;
  const where = new Map([...loaded.mails.values()].map((m) => [m.msgid, at(m.origin)]));
  const posOf = (s: ReviewSeries) => {
    // Its first own message: a partial reroll's cover belongs to the series it rerolls, carried patches to theirs.
    const own = [...(s.partialReroll && s.cover && !s.patches.some((p) => p.msgid === s.cover!.msgid) ? [] : s.cover ? [s.cover.msgid] : []),
      ...s.patches.filter((p) => !p.carriedFrom).map((p) => p.msgid), ...s.extra.map((p) => p.msgid)];
    return Math.min(...own.map((id) => where.get(id) ?? Infinity));
  };
  const positions = new Map(review.series.map((s) => [s, posOf(s)]));
  review.series.sort((a, b) => positions.get(a)! - positions.get(b)!);
  return { units, loaded, review, count: col.count, at, posOf: (s) => positions.get(s) ?? posOf(s), summary: (s) => detached(summarize(s, (msgid) => loaded.mails.get(msgid)?.body)) };
}

/** What the whole input reports, added up over the units. */
export interface UnitTotals {
  messages: number;
  comments: number;
  unattached: number;
  duplicates: number;
  /** In input order. */
  errors: IngestError[];
}

/**
 * Review every unit of the sources, a batch at a time, in input order; `only` restricts the run to a
 * selection (digest --since), which, as reading a selection does, leaves out entries that could not
 * be read but still counts every entry as a message.
 */
export async function eachUnit(db: Db, sources: IndexedSource[], opts: UnitOptions & { only?: number[] | null }, each: (u: UnitReview) => void | Promise<void>): Promise<UnitTotals> {
  boundHeapGrowth();
  const only = opts.only ?? null;
  const errors = only ? [] : await unreadable(db, sources);
  const totals: UnitTotals = { messages: errors.length, comments: 0, unattached: 0, duplicates: 0, errors: [] };
  for (const units of batchesInOrder(db, sources, only)) {
    const u = await reviewUnits(db, sources, units, opts);
    totals.messages += u.count;
    totals.comments += u.review.comments;
    totals.unattached += u.review.unattached;
    totals.duplicates += u.review.duplicates;
    for (const e of u.review.errors) errors.push({ pos: u.at(e.origin), value: detached(e) });
    await each(u);
  }
  if (only) totals.messages = entriesOf(db, sources);
  totals.errors = errors.sort((a, b) => a.pos - b.pos).map((e) => e.value);
  return totals;
}

/** Version lineage over the summaries of every unit, each given with its series' place in the input. */
export function lineageInOrder(summaries: Placed<LineageSummary>[]): Map<string, VersionInfo> {
  return lineageFromSummaries([...summaries].sort((a, b) => a.pos - b.pos).map((x) => x.value));
}

export type { Placed };

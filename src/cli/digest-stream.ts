// `digest` over indexed sources, unit by unit (unit-stream.ts), so memory is bounded by the largest
// unit rather than the archive. A series' digest needs its versions (the list, the version before,
// the changes since it, what became of their comments), and version lineage can link series of
// different units; so each unit is digested with the lineage of its own series, the digest kept as
// rendered text in a temporary table, and lineage linked again over the summaries of every unit.
// Where the two agree for every series of a unit, its versions all lie in the unit and its digests
// stand; the few units where they differ are read again together with the units holding the other
// versions of their works, and digested with the whole input's lineage. The parts are then written
// in the order reading everything gives (digest-order.ts).
import { createHash } from 'node:crypto';
import type { Mail } from '../model/mail.js';
import type { LineageSummary } from '../model/lineage.js';
import type { ReviewModel, ReviewSeries } from '../model/review.js';
import type { Db } from '../index/db.js';
import type { IndexedSource } from '../index/catalog.js';
import type { VersionInfo } from '../review/versions.js';
import { activityDates, digestSeries, lastActivity, latestVersions, type DigestOptions } from '../review/digest.js';
import { sinceEntry, sinceWindow } from '../review/since.js';
import { unitsFor } from '../index/load.js';
import { UnionFind } from '../util/union-find.js';
import { detached } from '../util/detach.js';
import { eachUnit, lineageInOrder, reviewUnits, type Placed, type UnitOptions, type UnitReview, type UnitTotals } from './unit-stream.js';
import { partRenderer, type DigestFormat, type DigestRun, type Digested } from './digest-order.js';

export interface DigestStreamOptions extends Omit<UnitOptions, 'build'> {
  format: DigestFormat;
  /** `--since`: the window; null for the digest of the newest version of every work. */
  since: Date | null;
  until: Date;
  /** `--tree`: range-diffs for the versions of these series of a review (see cmd-digest.ts). */
  changes?: (review: ReviewModel, mails: Map<string, Mail>, ids: string[]) => Promise<DigestOptions>;
}

const hash = (v: VersionInfo | undefined) => createHash('sha1').update(JSON.stringify(v ?? null)).digest('base64');

export async function streamDigest(db: Db, sources: IndexedSource[], opts: DigestStreamOptions): Promise<{ run: DigestRun; totals: UnitTotals }> {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS digest_parts (id TEXT PRIMARY KEY, unit INTEGER NOT NULL, body BLOB NOT NULL);
    DELETE FROM digest_parts;`);
  const put = db.prepare('INSERT OR REPLACE INTO digest_parts (id, unit, body) VALUES (?, ?, ?)');
  const window = opts.since ? sinceWindow(opts.since, opts.until) : null;
  const render = partRenderer(opts.format);
  const since = opts.since?.toISOString();
  // A window digest shows the analysis (MAINTAINERS, rules) of the series in the window only.
  const build = since ? { analyse: (s: ReviewSeries) => activityDates(s).some((d) => d >= since) } : {};
  const unitOpts: UnitOptions = { an: opts.an, sloppyTrailers: opts.sloppyTrailers, build };

  const series = new Map<string, Digested>();
  const unitOf = new Map<string, number>();
  const summaries: Placed<LineageSummary>[] = [];
  const localLineage = new Map<string, string>();

  /** The parts of the series `u` digests (with these versions), as [series id, text]. */
  const digestParts = async (u: UnitReview, versions: Map<string, VersionInfo>): Promise<[string, string][]> => {
    const { review, loaded: { mails } } = u;
    for (const s of review.series) Object.assign(s, versions.get(s.id));
    const parts: [string, string][] = [];
    if (window) {
      const dopts = opts.changes ? await opts.changes(review, mails, review.series.map((s) => s.id)) : {};
      for (const s of review.series) {
        const e = sinceEntry(review, s, mails, window, dopts);
        if (!e) continue;
        series.get(s.id)!.lastInWindow = e.lastInWindow;
        parts.push([s.id, render.since(e)]);
      }
      return parts;
    }
    const latest = latestVersions(review);
    const dopts = opts.changes ? await opts.changes(review, mails, latest.map((s) => s.id)) : {};
    for (const s of latest) parts.push([s.id, render.series(digestSeries(review, s, mails, dopts))]);
    return parts;
  };
  const store = db.transaction((parts: [string, string][]) => {
    for (const [id, text] of parts) put.run(id, unitOf.get(id)!, Buffer.from(text));
  });

  const unitQuery = db.prepare('SELECT unit FROM ids WHERE msgid = ?').pluck();
  const only = opts.since ? unitsFor(db, sources, { kind: 'since', since: opts.since.getTime() }) : null;
  const totals = await eachUnit(db, sources, { ...unitOpts, only }, async (u) => {
    const placed = u.review.series.map((s) => ({ pos: u.posOf(s), value: u.summary(s) }));
    summaries.push(...placed);
    const local = lineageInOrder(placed);
    for (const [k, s] of u.review.series.entries()) {
      // Kept to the end: copies, not slices of the unit's mail.
      const d = detached({ id: s.id, pos: placed[k].pos, title: s.title, lastActivity: lastActivity(s), versions: [] as string[] });
      series.set(d.id, d);
      unitOf.set(d.id, (unitQuery.get(d.id) as number | undefined) ?? u.units[0]);
      localLineage.set(d.id, hash(local.get(d.id)));
    }
    store(await digestParts(u, local));
  });

  const versions = lineageInOrder(summaries);
  for (const s of series.values()) s.versions = versions.get(s.id)?.versions ?? [s.id];
  const again = againTogether(series, unitOf, localLineage, versions);
  if (process.env.LORESCOPE_DEBUG) process.stderr.write(`lorescope: digest: ${again.length} sets of units read again (${again.map((x) => x.length).join(' ')})\n`);
  for (const units of again) {
    db.prepare('DELETE FROM digest_parts WHERE unit IN (SELECT value FROM json_each(?))').run(JSON.stringify(units));
    store(await digestParts(await reviewUnits(db, sources, units, unitOpts), versions));
  }
  const run: DigestRun = { db, format: opts.format, window, series: [...series.values()] };
  return { run, totals };
}

/**
 * The sets of units to read again together: units joined by the works whose versions they hold
 * (by the whole input's lineage), where a series of the set was linked otherwise in its batch. Every
 * work of such a set has all its versions in it; the other sets' digests stand as made.
 */
function againTogether(series: Map<string, Digested>, unitOf: Map<string, number>, local: Map<string, string>, versions: Map<string, VersionInfo>): number[][] {
  const uf = new UnionFind<number>();
  for (const s of series.values()) {
    const unit = unitOf.get(s.id)!;
    uf.add(unit);
    for (const v of s.versions) uf.union(unit, unitOf.get(v) ?? unit);
  }
  const bad = new Set<number>();
  for (const id of series.keys()) if (local.get(id) !== hash(versions.get(id))) bad.add(uf.find(unitOf.get(id)!));
  const sets = new Map<number, number[]>();
  for (const u of uf.keys()) {
    const r = uf.find(u);
    if (!bad.has(r)) continue;
    const set = sets.get(r);
    if (set) set.push(u);
    else sets.set(r, [u]);
  }
  return [...sets.values()];
}

// `series --json` over indexed sources, unit by unit (unit-stream.ts): each unit's series go to a
// temporary table with the small summaries version lineage needs; lineage is then linked over all of
// them, and the series are written in input order. The output is byte for byte what reading
// everything at once gives, with memory bounded by the largest unit.
import type { LineageSummary } from '../model/lineage.js';
import type { Analysers } from '../review/build.js';
import type { Db } from '../index/db.js';
import type { IndexedSource } from '../index/catalog.js';
import { seriesItem, seriesJsonChunks } from '../views/json.js';
import { eachUnit, lineageInOrder, type Placed, type UnitReview } from './unit-stream.js';

export async function streamSeriesJson(db: Db, sources: IndexedSource[], an: Analysers, sloppyTrailers: boolean, write: (s: string | Buffer) => void | Promise<void>): Promise<void> {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS stream_series (pos INTEGER NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL)');
  db.exec('DELETE FROM stream_series');
  const put = db.prepare('INSERT INTO stream_series (pos, id, json) VALUES (?, ?, ?)');
  const summaries: Placed<LineageSummary>[] = [];
  const totals = await eachUnit(db, sources, { an, sloppyTrailers }, db.transaction((u: UnitReview) => {
    for (const s of u.review.series) {
      const pos = u.posOf(s);
      put.run(pos, s.id, JSON.stringify(seriesItem(s)));
      summaries.push({ pos, value: u.summary(s) });
    }
  }));
  const versions = lineageInOrder(summaries);
  const rows = db.prepare('SELECT id, json FROM stream_series ORDER BY pos').iterate() as IterableIterator<{ id: string; json: string }>;
  const series = (function* () {
    for (const r of rows) {
      const item = JSON.parse(r.json) as Record<string, unknown>;
      Object.assign(item, versions.get(r.id));
      yield JSON.stringify(item);
    }
  })();
  const chunks = seriesJsonChunks({
    lorescope: 1, messages: totals.messages, comments: totals.comments, unattached: totals.unattached, duplicates: totals.duplicates, errors: totals.errors,
    maintainers: an.maintainersSource ?? null, rules: an.ruleIds ?? [], mailmap: an.mailmapSource ?? null,
  }, series);
  for (const c of chunks) await write(c);
  db.exec('DELETE FROM stream_series');
}

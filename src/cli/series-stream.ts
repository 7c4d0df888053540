// `series --json` over indexed sources, unit by unit: memory is bounded by the largest unit, not the
// archive. Each unit is read and analysed alone; its series go to a temporary table in file order with
// the small summaries version lineage needs; lineage is then linked over all of them, and the series
// are written in order. The output is byte for byte what reading everything at once gives.
import type { IngestError } from '../model/mail.js';
import type { LineageSummary } from '../model/lineage.js';
import type { Analysers } from '../review/build.js';
import type { Db } from '../index/db.js';
import type { IndexedSource } from '../index/catalog.js';
import { analyse, collectFrom, newCollector } from '../pipeline/load.js';
import { buildReview } from '../review/build.js';
import { summarize } from '../review/lineage-summary.js';
import { lineageFromSummaries } from '../review/versions.js';
import { indexedMessages } from '../index/load.js';
import { readRows, type StoredRow } from '../index/read.js';
import { seriesItem, writeSeriesJson } from '../views/json.js';

const POS = 2 ** 32;

interface Positioned { pos: number; unit: number }

/** Every unit of the sources, by the position of its first message in the input. */
function unitsInOrder(db: Db, sources: IndexedSource[]): number[] {
  const first = new Map<number, number>();
  const q = db.prepare(`SELECT i.unit AS unit, min(m.seq) AS seq FROM messages m JOIN ids i ON i.msgid = m.msgid
    WHERE m.source = ? AND m.gone = 0 GROUP BY i.unit`);
  sources.forEach((s, k) => {
    for (const r of q.all(s.id) as { unit: number; seq: number }[]) {
      const pos = k * POS + r.seq;
      if (!first.has(r.unit) || pos < first.get(r.unit)!) first.set(r.unit, pos);
    }
  });
  return [...first].map(([unit, pos]): Positioned => ({ unit, pos })).sort((a, b) => a.pos - b.pos).map((x) => x.unit);
}

/** Entries that could not be read (no Message-ID, no unit): the errors reading everything reports for them. */
async function unreadable(db: Db, sources: IndexedSource[]): Promise<{ pos: number; error: IngestError }[]> {
  const out: { pos: number; error: IngestError }[] = [];
  const q = db.prepare('SELECT seq, msgid, error, locator, off, len, sep, name, blob FROM messages WHERE source = ? AND gone = 0 AND msgid IS NULL ORDER BY seq');
  for (const [k, s] of sources.entries()) {
    const rows = q.all(s.id) as StoredRow[];
    for await (const m of readRows(s, rows)) out.push({ pos: k * POS + m.origin.index, error: { origin: m.origin, severity: 'error', message: m.error ?? 'unreadable message' } });
  }
  return out;
}

export async function streamSeriesJson(db: Db, sources: IndexedSource[], an: Analysers, sloppyTrailers: boolean, write: (s: string) => void | Promise<void>): Promise<void> {
  const ordinal = new Map(sources.map((s, k) => [s.label, k]));
  const posOf = (source: string, index: number) => (ordinal.get(source) ?? 0) * POS + index;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS stream_series (pos INTEGER NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL)');
  db.exec('DELETE FROM stream_series');
  const put = db.prepare('INSERT INTO stream_series (pos, id, json) VALUES (?, ?, ?)');
  const summaries: { pos: number; summary: LineageSummary }[] = [];
  const errors: { pos: number; error: IngestError }[] = await unreadable(db, sources);
  let comments = 0;
  let unattached = 0;
  let duplicates = 0;
  let messages = errors.length;
  for (const unit of unitsInOrder(db, sources)) {
    const col = newCollector();
    await collectFrom(col, indexedMessages(db, sources, [unit]));
    messages += col.count;
    const loaded = analyse(col, { sloppyTrailers });
    const review = buildReview(loaded, an, { lineage: false });
    comments += review.comments;
    unattached += review.unattached;
    duplicates += review.duplicates;
    for (const e of review.errors) errors.push({ pos: posOf(e.origin.source, e.origin.index), error: e });
    const where = new Map([...loaded.mails.values()].map((m) => [m.msgid, posOf(m.origin.source, m.origin.index)]));
    for (const s of review.series) {
      // Where reading everything would place the series: its first own message (not one it carries).
      const own = [...(s.partialReroll && s.cover && !s.patches.some((p) => p.msgid === s.cover!.msgid) ? [] : s.cover ? [s.cover.msgid] : []),
        ...s.patches.filter((p) => !p.carriedFrom).map((p) => p.msgid), ...s.extra.map((p) => p.msgid)];
      const pos = Math.min(...own.map((id) => where.get(id) ?? Infinity));
      put.run(pos, s.id, JSON.stringify(seriesItem(s)));
      summaries.push({ pos, summary: summarize(s, (msgid) => loaded.mails.get(msgid)?.body) });
    }
  }
  summaries.sort((a, b) => a.pos - b.pos);
  const versions = lineageFromSummaries(summaries.map((x) => x.summary));
  errors.sort((a, b) => a.pos - b.pos);
  const rows = db.prepare('SELECT id, json FROM stream_series ORDER BY pos').iterate() as IterableIterator<{ id: string; json: string }>;
  const series = (async function* () {
    for (const r of rows) {
      const item = JSON.parse(r.json) as Record<string, unknown>;
      Object.assign(item, versions.get(r.id));
      yield JSON.stringify(item);
    }
  })();
  await writeSeriesJson({
    lorescope: 1, messages, comments, unattached, duplicates, errors: errors.map((e) => e.error),
    maintainers: an.maintainersSource ?? null, rules: an.ruleIds ?? [], mailmap: an.mailmapSource ?? null,
  }, series, write);
  db.exec('DELETE FROM stream_series');
}

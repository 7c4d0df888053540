// Units: the messages that must be read together so that threads, series and version links come out
// as they would from reading everything. A unit joins what the pipeline joins across messages:
// Message-ID / In-Reply-To / References (ghosts included), unthreaded patches and covers with the same
// sender and markers within series assembly's window, and the same sender's series under one title or
// one change-id (lorescope's version links). Joining a little more than needed only costs reading.
import type { Db } from './db.js';
import type { MessageRow } from './rows.js';
import { UnionFind } from '../util/union-find.js';
import { RowBatch } from './row-batch.js';
import { IDS_UNIT_INDEX } from './schema.js';

/** Series assembly's window for unthreaded mail with the same markers (src/series/assemble.ts). */
export const MARKER_WINDOW_MS = 12 * 60 * 60 * 1000;

const IDS_PER_INSERT = 128;

const isHead = (r: MessageRow) => r.msgid !== null && r.reply === 0 && (r.patch === 1 || r.idx === 0);
const markerKey = (r: MessageRow) => `${r.fromEmail}\u0000${r.version}.${r.minor}\u0000${r.total}`;

/** Union rows of one marker group whose dates chain within the window (a missing date joins all). */
function unionMarkers(uf: UnionFind<string>, rows: MessageRow[]): void {
  const groups = new Map<string, MessageRow[]>();
  for (const r of rows) if (isHead(r)) (groups.get(markerKey(r)) ?? groups.set(markerKey(r), []).get(markerKey(r))!).push(r);
  for (const g of groups.values()) {
    const dated = g.filter((r) => r.date !== null).sort((a, b) => a.date! - b.date!);
    for (let i = 1; i < dated.length; i++) if (dated[i].date! - dated[i - 1].date! <= MARKER_WINDOW_MS) uf.union(dated[i].msgid!, dated[i - 1].msgid!);
    const undated = g.filter((r) => r.date === null);
    for (const r of undated) for (const o of g) uf.union(r.msgid!, o.msgid!);
  }
}

function unionBy(uf: UnionFind<string>, rows: MessageRow[], key: (r: MessageRow) => string | null): void {
  const first = new Map<string, string>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const f = first.get(k);
    if (f) uf.union(r.msgid!, f);
    else first.set(k, r.msgid!);
  }
}

const titleOf = (r: MessageRow) => (isHead(r) && r.title ? `${r.fromEmail}\u0000${r.title}` : null);
const changeOf = (r: MessageRow) => (isHead(r) && r.changeId ? r.changeId : null);

/** Units already in the index that a new row joins: by shared ids, markers, title or change-id. */
function existingUnits(db: Db, heads: MessageRow[], keys: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (k: string, unit: number) => {
    const l = out.get(k);
    if (!l) out.set(k, [unit]);
    else if (!l.includes(unit)) l.push(unit);
  };
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const q = db.prepare(`SELECT msgid, unit FROM ids WHERE msgid IN (${chunk.map(() => '?').join(',')})`);
    for (const r of q.all(...chunk) as { msgid: string; unit: number }[]) add(r.msgid, r.unit);
  }
  if (!heads.length) return out;
  const near = db.prepare(`SELECT i.unit FROM messages m JOIN ids i ON i.msgid = m.msgid
    WHERE m.reply = 0 AND m.from_email = ? AND m.version IS ? AND m.minor IS ? AND m.total IS ? AND (m.patch = 1 OR m.idx = 0)
      AND (? IS NULL OR m.date IS NULL OR m.date BETWEEN ? AND ?)`).pluck();
  const titled = db.prepare(`SELECT i.unit FROM messages m JOIN ids i ON i.msgid = m.msgid
    WHERE m.reply = 0 AND m.from_email = ? AND m.title = ? AND (m.patch = 1 OR m.idx = 0)`).pluck();
  const changed = db.prepare('SELECT i.unit FROM messages m JOIN ids i ON i.msgid = m.msgid WHERE m.change_id = ?').pluck();
  for (const r of heads) {
    const d = r.date;
    for (const u of near.all(r.fromEmail, r.version, r.minor, r.total, d, d === null ? 0 : d - MARKER_WINDOW_MS, d === null ? 0 : d + MARKER_WINDOW_MS) as number[]) add(r.msgid!, u);
    if (r.title) for (const u of titled.all(r.fromEmail, r.title) as number[]) add(r.msgid!, u);
    if (r.changeId) for (const u of changed.all(r.changeId) as number[]) add(r.msgid!, u);
  }
  return out;
}

/**
 * The units of a batch of new rows (already inserted into `messages`), made as the rows come: their
 * links are joined at once and only the rows that may head a series are kept for the rest, so a bulk
 * load does not hold every row's references until its end.
 */
export class UnitBatch {
  private uf = new UnionFind<string>();
  private heads: MessageRow[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(r: MessageRow): void {
    if (r.msgid === null) return;
    this.count++;
    this.uf.add(r.msgid);
    for (const l of r.links) this.uf.union(r.msgid, l);
    if (isHead(r)) this.heads.push(r);
  }

  /** Give every id of the batch its unit, merging units of the index that it connects (in the caller's transaction). */
  assign(db: Db): void {
    const { uf, heads } = this;
    unionMarkers(uf, heads);
    unionBy(uf, heads, titleOf);
    unionBy(uf, heads, changeOf);
    const keys = [...uf.keys()];
    // A first index (no ids yet) has nothing to join.
    const first = db.prepare('SELECT 1 FROM ids LIMIT 1').get() === undefined;
    const existing = first ? new Map<string, number[]>() : existingUnits(db, heads, keys);
    // Per component of the batch: the index units it touches.
    const touched = new Map<string, Set<number>>();
    for (const k of keys) {
      const root = uf.find(k);
      let t = touched.get(root);
      if (!t) touched.set(root, (t = new Set()));
      for (const u of existing.get(k) ?? []) t.add(u);
    }
    let next = ((db.prepare('SELECT max(unit) FROM ids').pluck().get() as number | null) ?? 0) + 1;
    const unitOf = new Map<string, number>();
    const merge = db.prepare('UPDATE ids SET unit = ? WHERE unit = ?');
    for (const [root, units] of touched) {
      const sorted = [...units].sort((a, b) => a - b);
      const target = sorted.length ? sorted[0] : next++;
      for (const u of sorted.slice(1)) merge.run(target, u);
      unitOf.set(root, target);
    }
    // Many rows a statement, as messages are written (store.ts): a first index puts ~20,000 ids. Into
    // an empty table they go in key order with ids_unit made after: 35 ms against 70 in arrival order
    // with the index kept up (the archive's ids, measured in one process). Units are numbered above,
    // so the order rows are written in changes none.
    if (first) {
      keys.sort();
      db.exec('DROP INDEX ids_unit');
    }
    const ids = new RowBatch(db, 2, IDS_PER_INSERT, (rows) => `INSERT INTO ids (msgid, unit) VALUES ${Array(rows).fill('(?, ?)').join(', ')}
      ON CONFLICT(msgid) DO UPDATE SET unit = excluded.unit`);
    for (const k of keys) ids.add(k, unitOf.get(uf.find(k))!);
    ids.flush();
    if (first) db.exec(IDS_UNIT_INDEX);
  }
}

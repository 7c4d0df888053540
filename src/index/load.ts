// Messages out of the index for a selection: every message of the sources, the unit holding one
// Message-ID (`am MSGID`), or the units active in a window (`digest --since`), each in source order.
import type { RawMessage } from '../model/mail.js';
import type { Db } from './db.js';
import { countOf, rowsOf, unitOf, unitsSince, type IndexedSource } from './catalog.js';
import { maildirOrder } from './maildir.js';
import { readRows, type StoredRow } from './read.js';
import { WINDOW_DAYS } from '../review/lineage-evidence.js';

export type Selection = { kind: 'all' } | { kind: 'thread'; msgid: string } | { kind: 'since'; since: number };

/** The units a selection reads, or null for everything. */
export function unitsFor(db: Db, sources: IndexedSource[], sel: Selection): number[] | null {
  if (sel.kind === 'all') return null;
  if (sel.kind === 'thread') {
    const u = unitOf(db, sel.msgid);
    return u === null ? [] : [u];
  }
  return withVersions(db, unitsSince(db, sources.map((s) => s.id), sel.since));
}

const HEADS = 'm.reply = 0 AND (m.patch = 1 OR m.idx = 0)';
const DAY = 86_400_000;

/**
 * The units plus every unit holding a series that version lineage could link to one of theirs, to a
 * fixpoint, so that "changes since the previous version" and the version list come out as reading
 * everything gives. Lineage links the same sender (address or full name) or title only within its
 * window (WINDOW_DAYS before), a change-id always: so each round looks that far back from the
 * earliest series it found, and a long chain of versions is followed step by step.
 */
function withVersions(db: Db, start: number[]): number[] {
  const have = new Set(start);
  let frontier = start;
  const keysOf = db.prepare(`SELECT m.from_email, m.from_name, m.title, m.change_id, m.date
    FROM json_each(?) u CROSS JOIN ids i CROSS JOIN messages m INDEXED BY messages_msgid
    WHERE i.unit = u.value AND m.msgid = i.msgid AND ${HEADS}`);
  const window = WINDOW_DAYS * DAY;
  const near = (col: string, index: string) => db.prepare(`SELECT DISTINCT i.unit FROM messages m INDEXED BY ${index} JOIN ids i ON i.msgid = m.msgid
    WHERE ${HEADS} AND m.${col} = ? AND (m.date IS NULL OR ? IS NULL OR m.date BETWEEN ? AND ?)`).pluck();
  const byEmail = near('from_email', 'messages_title');
  const byName = near('from_name', 'messages_name');
  const byTitle = db.prepare(`SELECT DISTINCT i.unit FROM messages m JOIN ids i ON i.msgid = m.msgid
    WHERE ${HEADS} AND m.title = ? AND (m.date IS NULL OR ? IS NULL OR m.date BETWEEN ? AND ?)`).pluck();
  const byChange = db.prepare(`SELECT DISTINCT i.unit FROM messages m INDEXED BY messages_change JOIN ids i ON i.msgid = m.msgid WHERE m.change_id = ?`).pluck();
  while (frontier.length) {
    const rows = keysOf.all(JSON.stringify(frontier)) as { from_email: string | null; from_name: string | null; title: string | null; change_id: string | null; date: number | null }[];
    // Per key: from WINDOW_DAYS before its earliest dated series to its latest (undated: no bound).
    const spans = new Map<string, { lo: number | null; hi: number | null }>();
    const note = (k: string, d: number | null) => {
      const s = spans.get(k);
      if (!s) spans.set(k, { lo: d, hi: d });
      else if (s.lo !== null) {
        if (d === null) spans.set(k, { lo: null, hi: null });
        else { s.lo = Math.min(s.lo, d); s.hi = Math.max(s.hi!, d); }
      }
    };
    for (const r of rows) {
      if (r.from_email) note(`e\u0000${r.from_email}`, r.date);
      if (r.from_name) note(`n\u0000${r.from_name}`, r.date);
      if (r.title) note(`t\u0000${r.title}`, r.date);
    }
    const found = new Set<number>();
    for (const [k, { lo, hi }] of spans) {
      const [kind, value] = k.split('\u0000');
      const q = kind === 'e' ? byEmail : kind === 'n' ? byName : byTitle;
      for (const u of q.all(value, lo, lo === null ? 0 : lo - window, hi ?? 0) as number[]) found.add(u);
    }
    for (const c of new Set(rows.map((r) => r.change_id).filter((v): v is string => !!v))) for (const u of byChange.all(c) as number[]) found.add(u);
    frontier = [...found].filter((u) => !have.has(u));
    for (const u of frontier) have.add(u);
  }
  return [...have];
}

/**
 * The units of the sources that can hold a series: a message starting a thread that carries a diff,
 * an n/N marker or is a cover letter (the classification columns), as the TUI pages an archive.
 */
export function unitsWithSeries(db: Db, sources: IndexedSource[]): number[] {
  const q = db.prepare(`SELECT DISTINCT i.unit FROM messages m JOIN ids i ON i.msgid = m.msgid
    WHERE m.source = ? AND m.gone = 0 AND m.reply = 0 AND (m.patch = 1 OR m.idx IS NOT NULL)`).pluck();
  const out = new Set<number>();
  for (const s of sources) for (const u of q.all(s.id) as number[]) out.add(u);
  return [...out];
}

/** About how many series the sources hold: one per first patch (1/N, or a patch without a number). */
export function seriesEstimate(db: Db, sources: IndexedSource[]): number {
  const q = db.prepare(`SELECT count(*) FROM messages WHERE source = ? AND gone = 0 AND reply = 0 AND patch = 1 AND coalesce(idx, 1) = 1`).pluck();
  return sources.reduce((n, s) => n + (q.get(s.id) as number), 0);
}

export function entriesOf(db: Db, sources: IndexedSource[]): number {
  return countOf(db, sources.map((s) => s.id));
}

/**
 * A public-inbox's messages are numbered across its epochs, deleted ones left out, as reading the
 * mirror numbers them: row id → that number.
 */
function inboxNumbers(db: Db, inbox: string): Map<string, number> {
  const rows = db.prepare(`SELECT m.source, m.seq FROM messages m JOIN sources s ON s.id = m.source
    WHERE s.inbox = ? AND m.gone = 0 ORDER BY s.ord, m.seq`).all(inbox) as { source: number; seq: number }[];
  return new Map(rows.map((r, i) => [`${r.source}:${r.seq}`, i]));
}

/**
 * The numbering, kept while the inbox's rows are the same: a streamed command reads a mirror unit by
 * unit, and numbering every message of it again for each batch cost more than the batch. The
 * numbering depends only on which (epoch, seq) rows are not gone; a refresh adds rows or marks them
 * gone, which changes their count, ids or seqs, summed up in the stamp.
 */
const numbered = new WeakMap<Db, Map<string, { stamp: string; numbers: Map<string, number> }>>();

function numbersOf(db: Db, inbox: string): Map<string, number> {
  const stamp = JSON.stringify(db.prepare(`SELECT count(*), min(m.id), max(m.id), total(m.seq), total(m.source) FROM messages m JOIN sources s ON s.id = m.source
    WHERE s.inbox = ? AND m.gone = 0`).raw().get(inbox));
  let forDb = numbered.get(db);
  if (!forDb) numbered.set(db, (forDb = new Map()));
  const kept = forDb.get(inbox);
  if (kept?.stamp === stamp) return kept.numbers;
  const numbers = inboxNumbers(db, inbox);
  forDb.set(inbox, { stamp, numbers });
  return numbers;
}

export async function* indexedMessages(db: Db, sources: IndexedSource[], units: number[] | null): AsyncGenerator<RawMessage> {
  const numbers = new Map<string, Map<string, number>>();
  for (const src of sources) {
    const rows = rowsOf(db, src.id, units);
    if (src.kind === 'epoch') {
      const inbox = src.inbox!;
      if (!numbers.has(inbox)) numbers.set(inbox, numbersOf(db, inbox));
      const n = numbers.get(inbox)!;
      yield* readRows(src, rows, (r) => n.get(`${src.id}:${r.seq}`) ?? r.seq);
      continue;
    }
    if (src.kind !== 'maildir') {
      yield* readRows(src, rows);
      continue;
    }
    // A maildir's order (and each message's index) is its sorted listing, not the order files came in.
    const order = maildirOrder(db.prepare('SELECT name FROM messages WHERE source = ?').pluck().all(src.id) as string[]);
    const rank = new Map(order.map((n, i) => [n, i]));
    const indexOf = (r: StoredRow) => rank.get(r.name ?? '') ?? r.seq;
    yield* readRows(src, [...rows].sort((a, b) => indexOf(a) - indexOf(b)), indexOf);
  }
}

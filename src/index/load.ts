// Messages out of the index for a selection: every message of the sources, the unit holding one
// Message-ID (`am MSGID`), or the units active in a window (`digest --since`), each in source order.
import type { RawMessage } from '../model/mail.js';
import type { Db } from './db.js';
import { countOf, rowsOf, unitOf, unitsSince, type IndexedSource } from './catalog.js';
import { maildirOrder } from './maildir.js';
import { readRows, type StoredRow } from './read.js';

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

/**
 * The units plus every unit holding a series that version lineage could link to one of theirs: the
 * same sender (address or full name), title or change-id, to a fixpoint, so that "changes since the
 * previous version" and the version list come out as reading everything gives.
 */
function withVersions(db: Db, start: number[]): number[] {
  const have = new Set(start);
  let frontier = start;
  const keysOf = db.prepare(`SELECT DISTINCT m.from_email, m.from_name, m.title, m.change_id
    FROM json_each(?) u CROSS JOIN ids i CROSS JOIN messages m INDEXED BY messages_msgid
    WHERE i.unit = u.value AND m.msgid = i.msgid AND ${HEADS}`);
  const unitsOf = db.prepare(`SELECT DISTINCT i.unit FROM messages m JOIN ids i ON i.msgid = m.msgid WHERE ${HEADS}
    AND (m.from_email IN (SELECT value FROM json_each(?)) OR m.from_name IN (SELECT value FROM json_each(?))
      OR m.title IN (SELECT value FROM json_each(?)) OR m.change_id IN (SELECT value FROM json_each(?)))`).pluck();
  while (frontier.length) {
    const rows = keysOf.all(JSON.stringify(frontier)) as { from_email: string | null; from_name: string | null; title: string | null; change_id: string | null }[];
    const col = (k: keyof (typeof rows)[number]) => JSON.stringify([...new Set(rows.map((r) => r[k]).filter((v) => v !== null && v !== ''))]);
    const found = unitsOf.all(col('from_email'), col('from_name'), col('title'), col('change_id')) as number[];
    frontier = found.filter((u) => !have.has(u));
    for (const u of frontier) have.add(u);
  }
  return [...have];
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

export async function* indexedMessages(db: Db, sources: IndexedSource[], units: number[] | null): AsyncGenerator<RawMessage> {
  const numbers = new Map<string, Map<string, number>>();
  for (const src of sources) {
    const rows = rowsOf(db, src.id, units);
    if (src.kind === 'epoch') {
      const inbox = src.inbox!;
      if (!numbers.has(inbox)) numbers.set(inbox, inboxNumbers(db, inbox));
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

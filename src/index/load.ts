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
  return unitsSince(db, sources.map((s) => s.id), sel.since);
}

export function entriesOf(db: Db, sources: IndexedSource[]): number {
  return countOf(db, sources.map((s) => s.id));
}

export async function* indexedMessages(db: Db, sources: IndexedSource[], units: number[] | null): AsyncGenerator<RawMessage> {
  for (const src of sources) {
    const rows = rowsOf(db, src.id, units);
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

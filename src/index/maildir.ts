// Indexing a maildir: one row per file of cur/ and new/. A directory whose entries did not change
// (same mtimes of cur/ and new/) is not listed again; otherwise files gone are dropped and new ones read.
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RawMessage } from '../model/mail.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../sources/mbox.js';
import type { Db } from './db.js';
import type { Refresh } from './mbox.js';
import type { Place } from './rows.js';
import { insertRows, type SourceRow } from './store.js';

const SUBDIRS = ['cur', 'new'];

function signature(real: string): string {
  return SUBDIRS.map((s) => String(statSync(join(real, s), { bigint: true }).mtimeNs)).join(':');
}

/** cur/ before new/, names sorted within each: the order reading the maildir gives. */
export function maildirOrder(names: string[]): string[] {
  return SUBDIRS.flatMap((sub) => names.filter((n) => n.startsWith(`${sub}/`)).map((n) => n.slice(sub.length + 1)).sort().map((n) => `${sub}/${n}`));
}

export async function refreshMaildir(db: Db, dir: string, onProgress?: (n: number) => void, max = DEFAULT_MAX_MESSAGE_BYTES): Promise<{ id: number; refresh: Refresh; real: string }> {
  const real = realpathSync(dir);
  const lookup = db.prepare('SELECT * FROM sources WHERE path = ?');
  const before = lookup.get(real) as SourceRow | undefined;
  if (before && before.mtime === signature(real)) return { id: before.id, refresh: 'unchanged', real };
  db.exec('BEGIN IMMEDIATE');
  try {
    const sig = signature(real);
    let row = lookup.get(real) as SourceRow | undefined;
    if (row && row.mtime === sig) {
      db.exec('COMMIT');
      return { id: row.id, refresh: 'unchanged', real };
    }
    if (!row) {
      db.prepare("INSERT INTO sources (path, kind) VALUES (?, 'maildir')").run(real);
      row = lookup.get(real) as SourceRow;
    }
    const id = row.id;
    const known = new Set(db.prepare('SELECT name FROM messages WHERE source = ?').pluck().all(id) as string[]);
    const present = new Set<string>();
    for (const sub of SUBDIRS) {
      for (const name of readdirSync(join(real, sub))) {
        if (name.startsWith('.')) continue;
        const rel = `${sub}/${name}`;
        if (statSync(join(real, rel)).isFile()) present.add(rel);
      }
    }
    const drop = db.prepare('DELETE FROM messages WHERE source = ? AND name = ?');
    for (const n of known) if (!present.has(n)) drop.run(id, n);
    let seq = row.next;
    const added = maildirOrder([...present].filter((n) => !known.has(n)));
    const messages = (async function* (): AsyncGenerator<RawMessage & { place: Place }> {
      for (const rel of added) {
        const path = join(real, rel);
        const size = statSync(path).size;
        const origin = { source: dir, index: seq++, locator: rel };
        if (size > max) yield { bytes: Buffer.alloc(0), origin, error: `message of ${size} bytes exceeds the limit of ${max} bytes; skipped`, place: { name: rel } };
        else yield { bytes: readFileSync(path), origin, place: { name: rel } };
      }
    })();
    await insertRows(db, id, messages, onProgress);
    db.prepare('UPDATE sources SET mtime = ?, next = ? WHERE id = ?').run(sig, seq, id);
    db.exec('COMMIT');
    return { id, refresh: known.size ? 'appended' : 'indexed', real };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

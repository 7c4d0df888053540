// Indexing a public-inbox mirror (v2 epochs or v1): per epoch, only the commits after the last one
// indexed are walked (a history rewrite, --refresh or a repaired object reads it again); rows hold
// the blob id, and deletions are kept so a message deleted later, in any epoch, is left out.
import { realpathSync } from 'node:fs';
import type { RawMessage } from '../model/mail.js';
import type { PublicInboxStats } from '../sources/public-inbox.js';
import { missingBlobError } from '../sources/public-inbox-errors.js';
import { inboxLayout, type Epoch } from '../sources/public-inbox-layout.js';
import { headCommit, isAncestor, streamChanges } from '../sources/public-inbox-git.js';
import { CatFile, presentObjects } from '../sources/public-inbox-catfile.js';
import { SourceError } from '../sources/read.js';
import type { Db } from './db.js';
import type { Refresh } from './mbox.js';
import type { Place } from './rows.js';
import { insertRows, type SourceRow } from './store.js';

/** What `LORESCOPE_DEBUG` reports of a mirror: the same counts reading it directly gives. */
export type InboxStats = PublicInboxStats;

export interface IndexedEpoch {
  id: number;
  refresh: Refresh;
  /** Rows from this seq on were read from git in this run. */
  newFrom: number;
  epoch: Epoch;
  label: string;
}

/** public-inbox-purge leaves an empty blob where a purged message was: a row that is never read. */
const PURGED = 'purged from the inbox';

async function healed(db: Db, row: SourceRow, gitDir: string): Promise<boolean> {
  const lacking = db.prepare("SELECT blob FROM messages WHERE source = ? AND error LIKE 'commit % is missing from the repository%'").pluck().all(row.id) as string[];
  return lacking.length > 0 && (await presentObjects(gitDir, lacking)).length > 0;
}

async function refreshEpoch(db: Db, dirArg: string, label: string, e: Epoch, ord: number, inbox: string, refresh: boolean, onProgress?: (n: number) => void): Promise<IndexedEpoch> {
  const real = realpathSync(e.gitDir);
  const lookup = db.prepare('SELECT * FROM sources WHERE path = ?');
  const head = (await headCommit(e.gitDir)) ?? '';
  const before = lookup.get(real) as SourceRow | undefined;
  // A blob missing when the epoch was indexed may be there now (the mirror was repaired): read anew.
  const repaired = !!before && (await healed(db, before, e.gitDir));
  if (!refresh && before && before.head === head && !repaired) return { id: before.id, refresh: 'unchanged', newFrom: Infinity, epoch: e, label };
  const resume = !refresh && !repaired && !!before?.head && !!head && (await isAncestor(e.gitDir, before!.head!, head));
  db.exec('BEGIN IMMEDIATE');
  try {
    let row = lookup.get(real) as SourceRow | undefined;
    if (!row) {
      db.prepare("INSERT INTO sources (path, kind, inbox, ord) VALUES (?, 'epoch', ?, ?)").run(real, inbox, ord);
      row = lookup.get(real) as SourceRow;
    }
    const id = row.id;
    // Another process indexed it while we waited for the lock.
    if (!refresh && !repaired && row.head === head && before?.head !== head) {
      db.exec('COMMIT');
      return { id, refresh: 'unchanged', newFrom: Infinity, epoch: e, label };
    }
    let seq = resume ? row.next : 0;
    const newFrom = seq;
    if (!resume) {
      db.prepare('DELETE FROM messages WHERE source = ?').run(id);
      db.prepare('DELETE FROM deletions WHERE source = ?').run(id);
    }
    const delete_ = db.prepare('INSERT INTO deletions (source, seq, blob) VALUES (?, ?, ?)');
    if (head) {
      const cat = new CatFile(e.gitDir);
      const queue: { oid: string; commit: string; seq: number }[] = [];
      const listed = streamChanges(e.gitDir, resume ? row.head : null, head, (c) => {
        for (const oid of c.dels) delete_.run(id, seq, oid);
        for (const oid of c.adds) {
          queue.push({ oid, commit: c.commit, seq: seq++ });
          cat.request(oid);
        }
      }).finally(() => cat.end());
      listed.catch(() => undefined);
      const messages = (async function* (): AsyncGenerator<RawMessage & { place: Place }> {
        let i = 0;
        try {
          for await (const batch of cat.blobs()) {
            for (const bytes of batch) {
              const q = queue[i++];
              const origin = { source: dirArg, index: q.seq, locator: `${label}${q.commit}` };
              if (bytes === null) yield { bytes: Buffer.alloc(0), origin, error: missingBlobError(q.commit, q.oid), place: { blob: q.oid } };
              else if (bytes.length === 0) yield { bytes, origin, error: PURGED, place: { blob: q.oid } };
              else yield { bytes, origin, place: { blob: q.oid } };
            }
          }
          await listed;
        } finally {
          cat.kill();
        }
      })();
      await insertRows(db, id, messages, onProgress);
    }
    db.prepare('UPDATE sources SET head = ?, next = ?, inbox = ?, ord = ? WHERE id = ?').run(head, seq, inbox, ord, id);
    db.exec('COMMIT');
    return { id, refresh: resume ? 'appended' : 'indexed', newFrom, epoch: e, label };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Mark every row of the inbox that a later deletion (same blob, in its epoch after it, or in a later
 * epoch) removes, and every purged one; what is left is what the inbox holds.
 */
function markGone(db: Db, inbox: string): void {
  db.prepare(`UPDATE messages SET gone = CASE WHEN error = ? THEN 1 WHEN EXISTS (
      SELECT 1 FROM deletions d JOIN sources ds ON ds.id = d.source, sources ms
      WHERE ms.id = messages.source AND d.blob = messages.blob AND ds.inbox = ms.inbox
        AND (ds.ord > ms.ord OR (ds.ord = ms.ord AND d.seq > messages.seq))) THEN 1 ELSE 0 END
    WHERE source IN (SELECT id FROM sources WHERE inbox = ?)`).run(PURGED, inbox);
}

export async function refreshInbox(db: Db, dirArg: string, opts: { refresh?: boolean; onProgress?: (n: number) => void; stats?: InboxStats } = {}): Promise<IndexedEpoch[]> {
  const layout = inboxLayout(dirArg);
  const inbox = realpathSync(layout.dir);
  const out: IndexedEpoch[] = [];
  for (const [k, e] of layout.epochs.entries()) {
    const label = layout.version === 2 ? `git/${e.name}.git ` : '';
    try {
      out.push(await refreshEpoch(db, dirArg, label, e, k, inbox, !!opts.refresh, opts.onProgress));
    } catch (err) {
      if (err instanceof SourceError) throw err;
      throw new SourceError(`${e.gitDir}: ${(err as Error).message}`);
    }
  }
  db.transaction(() => markGone(db, inbox)).immediate();
  if (opts.stats) {
    const ids = JSON.stringify(out.map((x) => x.id));
    const count = (where: string, ...args: unknown[]) => db.prepare(`SELECT count(*) FROM messages WHERE source IN (SELECT value FROM json_each(?)) AND ${where}`).pluck().get(ids, ...args) as number;
    const fresh = db.prepare('SELECT count(*) FROM messages WHERE source = ? AND gone = 0 AND seq >= ?').pluck();
    const fromGit = out.reduce((n, x) => n + (x.newFrom === Infinity ? 0 : (fresh.get(x.id, x.newFrom) as number)), 0);
    const live = count('gone = 0');
    Object.assign(opts.stats, {
      version: layout.version, epochs: layout.epochs.length, fromGit, fromCache: live - fromGit,
      deleted: count('gone = 1 AND (error IS NULL OR error != ?)', PURGED),
      missing: count("gone = 0 AND error LIKE 'commit % is missing from the repository%'"),
    });
  }
  return out;
}

// Versioned schema of the review state, the same for SQLite and PostgreSQL. A migration is only ever
// appended: a database made by any earlier lorescope is brought forward, and one made by a newer
// lorescope is refused rather than misread. Times are ISO-8601 UTC text in both databases.
import { StateError, type Driver, type Tx } from './driver.js';

export interface Migration {
  version: number;
  what: string;
  /** Statements; `{{id}}` is an auto-increment primary key column in the driver's dialect. */
  sql: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'series, their patches, people, per-reviewer states, reviewed marks, notes',
    sql: [
      `CREATE TABLE series (
        series_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        version INTEGER NOT NULL,
        total INTEGER NOT NULL,
        author_name TEXT NOT NULL,
        author_email TEXT NOT NULL,
        change_id TEXT,
        base_commit TEXT,
        last_mail TEXT,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL)`,
      `CREATE TABLE series_patches (
        series_id TEXT NOT NULL REFERENCES series (series_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        msgid TEXT NOT NULL,
        title TEXT NOT NULL,
        PRIMARY KEY (series_id, msgid))`,
      'CREATE INDEX series_patches_msgid ON series_patches (msgid)',
      'CREATE TABLE people (email TEXT PRIMARY KEY, name TEXT NOT NULL)',
      `CREATE TABLE reviewer_state (
        series_id TEXT NOT NULL REFERENCES series (series_id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (series_id, reviewer))`,
      `CREATE TABLE patch_marks (
        series_id TEXT NOT NULL REFERENCES series (series_id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        patch_msgid TEXT NOT NULL,
        marked_at TEXT NOT NULL,
        PRIMARY KEY (series_id, reviewer, patch_msgid))`,
      `CREATE TABLE notes (
        note_id {{id}},
        series_id TEXT NOT NULL REFERENCES series (series_id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL)`,
      'CREATE INDEX notes_series ON notes (series_id)',
    ],
  },
  {
    version: 2,
    what: 'waiting for whom, "my part is done", an activity log (back-filled from version 1 rows)',
    sql: [
      'ALTER TABLE reviewer_state ADD COLUMN waiting_for TEXT',
      `CREATE TABLE parts_done (
        series_id TEXT NOT NULL REFERENCES series (series_id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        part TEXT NOT NULL,
        done_at TEXT NOT NULL,
        PRIMARY KEY (series_id, reviewer, part))`,
      `CREATE TABLE activity (
        activity_id {{id}},
        series_id TEXT NOT NULL REFERENCES series (series_id) ON DELETE CASCADE,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL)`,
      'CREATE INDEX activity_series ON activity (series_id, at)',
      `INSERT INTO activity (series_id, reviewer, at, kind, detail)
        SELECT series_id, reviewer, updated_at, 'state', state FROM reviewer_state`,
      `INSERT INTO activity (series_id, reviewer, at, kind, detail)
        SELECT series_id, reviewer, marked_at, 'mark', patch_msgid FROM patch_marks`,
      `INSERT INTO activity (series_id, reviewer, at, kind, detail)
        SELECT series_id, reviewer, at, 'note', substr(body, 1, 200) FROM notes`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

const ID_COLUMN = { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'BIGSERIAL PRIMARY KEY' } as const;

export async function currentVersion(tx: Tx): Promise<number> {
  const rows = await tx.all('SELECT CAST(max(version) AS INTEGER) AS v FROM lorescope_schema');
  return Number(rows[0]?.v ?? 0);
}

/**
 * Bring the database to `upTo` (default: the newest version). Runs in one transaction that excludes
 * other migrating processes, so two first runs at once create the tables once.
 */
export async function migrate(driver: Driver, upTo: number = SCHEMA_VERSION): Promise<number> {
  return driver.exclusive(async (tx) => {
    await tx.run('CREATE TABLE IF NOT EXISTS lorescope_schema (version INTEGER NOT NULL, migrated_at TEXT NOT NULL)');
    const from = await currentVersion(tx);
    if (from > SCHEMA_VERSION) {
      throw new StateError(`${driver.where}: the state database is at schema version ${from}; this lorescope knows versions up to ${SCHEMA_VERSION}: upgrade lorescope`);
    }
    for (const m of MIGRATIONS) {
      if (m.version <= from || m.version > upTo) continue;
      for (const sql of m.sql) await tx.run(sql.replace('{{id}}', ID_COLUMN[driver.kind]));
      await tx.run('INSERT INTO lorescope_schema (version, migrated_at) VALUES (?, ?)', [m.version, new Date().toISOString()]);
    }
    return Math.max(from, Math.min(upTo, SCHEMA_VERSION));
  });
}

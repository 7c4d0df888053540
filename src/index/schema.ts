// The index's tables. One row per message with where its bytes are and what threading and series
// assembly need; `ids` maps every Message-ID seen (messages and the ghosts they reference) to its
// unit: the messages that must be read together to give the same answer as reading everything.
export const SCHEMA_VERSION = 3;

/** Also made again by units.ts after a first index's ids are in. */
export const IDS_UNIT_INDEX = 'CREATE INDEX ids_unit ON ids(unit)';

export const SCHEMA = `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,      -- real path of an mbox file or maildir; git dir of an inbox epoch
  kind TEXT NOT NULL,             -- mbox | maildir | epoch
  dev TEXT, ino TEXT, size INTEGER, mtime TEXT,    -- as text: 64-bit values compared exactly
  gz INTEGER NOT NULL DEFAULT 0,
  mboxrd INTEGER NOT NULL DEFAULT 0,
  tail TEXT,                      -- mbox: hash of the bytes before the old end, to tell an append from a rewrite
  head TEXT,                      -- epoch: last commit indexed
  inbox TEXT, ord INTEGER,        -- epoch: the inbox (real path) and the epoch's place in it
  next INTEGER NOT NULL DEFAULT 0 -- next seq
);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  source INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  msgid TEXT,                     -- null for an entry that could not be read (error)
  error TEXT,
  locator TEXT,
  start INTEGER, off INTEGER, len INTEGER, sep INTEGER,  -- mbox: separator line, then the stored bytes
  name TEXT,                      -- maildir: cur/NAME or new/NAME
  blob TEXT, gone INTEGER NOT NULL DEFAULT 0,  -- epoch: blob id, and whether the inbox deleted it
  date INTEGER,
  -- from_email, from_name, title: only of a row that may head a series (reply = 0 AND (patch = 1
  -- OR idx = 0)), the only rows any query reads them from; null on the rest
  from_email TEXT,
  from_name TEXT,                 -- the sender's full name as version lineage compares names
  title TEXT,                     -- subject without prefixes, lower case, blanks folded
  version INTEGER, minor INTEGER, idx INTEGER, total INTEGER,
  reply INTEGER NOT NULL DEFAULT 0,
  patch INTEGER NOT NULL DEFAULT 0,   -- carries a patch; always 0 for a reply (only new threads are series heads)
  change_id TEXT
);
CREATE INDEX messages_source ON messages(source, seq);
CREATE INDEX messages_msgid ON messages(msgid);
CREATE INDEX messages_date ON messages(date);
CREATE INDEX messages_markers ON messages(from_email, version, minor, total, date) WHERE reply = 0;
CREATE INDEX messages_title ON messages(from_email, title) WHERE reply = 0;
CREATE INDEX messages_change ON messages(change_id) WHERE change_id IS NOT NULL;
CREATE INDEX messages_name ON messages(from_name) WHERE reply = 0 AND from_name IS NOT NULL;
CREATE TABLE deletions (source INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE, seq INTEGER NOT NULL, blob TEXT NOT NULL);
CREATE INDEX deletions_blob ON deletions(blob);
CREATE TABLE ids (msgid TEXT PRIMARY KEY, unit INTEGER NOT NULL) WITHOUT ROWID;
${IDS_UNIT_INDEX};
`;

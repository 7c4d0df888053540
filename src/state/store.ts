// The StateStore over either driver: every change is one transaction of upserts and appends, so
// concurrent reviewers (and two sessions of one reviewer) merge instead of overwriting each other,
// and every change also lands in the activity log.
import { StateError, type Driver, type Tx } from './driver.js';
import { migrate } from './migrations.js';
import { readDetail, readList, readMarks } from './store-read.js';
import { LIMITS, type ListFilter, type Person, type ReviewState, type SeriesDetail, type SeriesInfo, type StateStore, type TrackRow } from './types.js';
import { isReviewState } from './types.js';

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** Stored text is shown in terminals and digests later: no control characters, bounded. */
const clean = (s: string, n: number) => clip(s.replace(CONTROLS, ''), n);

export function normalPerson(p: Person): Person {
  const email = clean(p.email.trim(), LIMITS.who).toLowerCase();
  if (!email || /\s/.test(email)) throw new StateError(`"${email}": not an email address to record review state under`);
  return { email, name: clean(p.name.trim(), LIMITS.who) };
}

async function touchPerson(tx: Tx, who: Person): Promise<void> {
  // A bare address (`--as x@y`) keeps the name learnt before.
  await tx.run("INSERT INTO people (email, name) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE people.name END", [who.email, who.name]);
}

async function requireSeries(tx: Tx, seriesId: string): Promise<void> {
  const rows = await tx.all('SELECT series_id FROM series WHERE series_id = ?', [seriesId]);
  if (!rows.length) throw new StateError(`series <${seriesId}> is not tracked yet`);
}

async function log(tx: Tx, seriesId: string, who: Person, at: string, kind: string, detail: string): Promise<void> {
  await tx.run('INSERT INTO activity (series_id, reviewer, at, kind, detail) VALUES (?, ?, ?, ?, ?)', [seriesId, who.email, at, kind, clip(detail, 200)]);
}

/** Marking patches (or a part done) means reviewing: a reviewer with no state yet gets `reviewing`. */
async function impliedReviewing(tx: Tx, seriesId: string, who: Person, at: string): Promise<void> {
  await tx.run(
    'INSERT INTO reviewer_state (series_id, reviewer, state, updated_at, waiting_for) VALUES (?, ?, ?, ?, NULL) ON CONFLICT (series_id, reviewer) DO NOTHING',
    [seriesId, who.email, 'reviewing', at],
  );
}

export class SqlStateStore implements StateStore {
  private constructor(private readonly db: Driver, private readonly version: number) {}

  static async open(db: Driver): Promise<SqlStateStore> {
    try {
      return new SqlStateStore(db, await migrate(db));
    } catch (e) {
      await db.close().catch(() => {});
      throw e;
    }
  }

  get kind() { return this.db.kind; }
  get where() { return this.db.where; }

  async schemaVersion(): Promise<number> {
    return this.version;
  }

  async trackSeries(info: SeriesInfo): Promise<void> {
    const now = new Date().toISOString();
    const id = clip(info.id, LIMITS.msgid);
    await this.db.write(async (tx) => {
      await tx.run(
        `INSERT INTO series (series_id, title, version, total, author_name, author_email, change_id, base_commit, last_mail, first_seen, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (series_id) DO UPDATE SET title = excluded.title, version = excluded.version, total = excluded.total,
           author_name = excluded.author_name, author_email = excluded.author_email, change_id = excluded.change_id,
           base_commit = excluded.base_commit, updated_at = excluded.updated_at,
           last_mail = CASE WHEN series.last_mail IS NULL OR excluded.last_mail > series.last_mail THEN excluded.last_mail ELSE series.last_mail END`,
        [id, clean(info.title, LIMITS.title), Math.trunc(info.version), Math.trunc(info.total), clean(info.author.name, LIMITS.who), clean(info.author.email, LIMITS.who).toLowerCase(),
          info.changeId ? clean(info.changeId, LIMITS.title) : null, info.baseCommit ? clean(info.baseCommit, 64) : null, info.lastMail, now, now],
      );
      for (const p of info.patches.slice(0, LIMITS.patches)) {
        await tx.run(
          'INSERT INTO series_patches (series_id, position, msgid, title) VALUES (?, ?, ?, ?) ON CONFLICT (series_id, msgid) DO UPDATE SET position = excluded.position, title = excluded.title',
          [id, p.index, clip(p.msgid, LIMITS.msgid), clean(p.title, LIMITS.title)],
        );
      }
    });
  }

  async findSeries(msgid: string): Promise<SeriesInfo | null> {
    const id = msgid.trim().replace(/^id:/, '').replace(/^<|>$/g, '');
    return this.db.read(async (tx) => {
      const hit = await tx.all('SELECT series_id FROM series WHERE series_id = ? UNION SELECT series_id FROM series_patches WHERE msgid = ?', [id, id]);
      if (!hit.length) return null;
      const d = await readDetail(tx, String(hit[0].series_id));
      return d ? { ...d.series, patches: d.patches } : null;
    });
  }

  async setState(seriesId: string, who: Person, state: ReviewState, waitingFor: string | null = null): Promise<void> {
    if (!isReviewState(state)) throw new StateError(`"${state}" is not a review state`);
    const me = normalPerson(who);
    const waiting = state === 'waiting' && waitingFor ? clean(waitingFor, LIMITS.who) : null;
    const now = new Date().toISOString();
    await this.db.write(async (tx) => {
      await requireSeries(tx, seriesId);
      await touchPerson(tx, me);
      await tx.run(
        `INSERT INTO reviewer_state (series_id, reviewer, state, updated_at, waiting_for) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (series_id, reviewer) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, waiting_for = excluded.waiting_for`,
        [seriesId, me.email, state, now, waiting],
      );
      await log(tx, seriesId, me, now, 'state', waiting ? `${state} (for ${waiting})` : state);
    });
  }

  async changeMarks(seriesId: string, who: Person, add: string[], remove: string[]): Promise<void> {
    if (!add.length && !remove.length) return;
    const me = normalPerson(who);
    const now = new Date().toISOString();
    await this.db.write(async (tx) => {
      await requireSeries(tx, seriesId);
      await touchPerson(tx, me);
      if (add.length) await impliedReviewing(tx, seriesId, me, now);
      for (const m of add.slice(0, LIMITS.patches)) {
        const n = await tx.run('INSERT INTO patch_marks (series_id, reviewer, patch_msgid, marked_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [seriesId, me.email, clip(m, LIMITS.msgid), now]);
        if (n) await log(tx, seriesId, me, now, 'mark', m);
      }
      for (const m of remove.slice(0, LIMITS.patches)) {
        const n = await tx.run('DELETE FROM patch_marks WHERE series_id = ? AND reviewer = ? AND patch_msgid = ?', [seriesId, me.email, m]);
        if (n) await log(tx, seriesId, me, now, 'unmark', m);
      }
    });
  }

  async marks(seriesIds: string[], reviewer: string): Promise<Map<string, string[]>> {
    return this.db.read((tx) => readMarks(tx, seriesIds, reviewer.trim().toLowerCase()));
  }

  async setPartDone(seriesId: string, who: Person, part: string, done: boolean): Promise<void> {
    const me = normalPerson(who);
    const name = clean(part.trim(), LIMITS.part) || '*';
    const now = new Date().toISOString();
    await this.db.write(async (tx) => {
      await requireSeries(tx, seriesId);
      await touchPerson(tx, me);
      if (done) await impliedReviewing(tx, seriesId, me, now);
      const n = done
        ? await tx.run('INSERT INTO parts_done (series_id, reviewer, part, done_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [seriesId, me.email, name, now])
        : await tx.run('DELETE FROM parts_done WHERE series_id = ? AND reviewer = ? AND part = ?', [seriesId, me.email, name]);
      if (n) await log(tx, seriesId, me, now, done ? 'part' : 'unpart', name);
    });
  }

  async addNote(seriesId: string, who: Person, text: string): Promise<void> {
    const me = normalPerson(who);
    const body = clip(text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, ''), LIMITS.note).trim();
    if (!body) throw new StateError('an empty note is not recorded');
    const now = new Date().toISOString();
    await this.db.write(async (tx) => {
      await requireSeries(tx, seriesId);
      await touchPerson(tx, me);
      await tx.run('INSERT INTO notes (series_id, reviewer, at, body) VALUES (?, ?, ?, ?)', [seriesId, me.email, now, body]);
      await log(tx, seriesId, me, now, 'note', body.split('\n')[0]);
    });
  }

  async logActivity(seriesId: string, who: Person, kind: string, detail: string): Promise<void> {
    const me = normalPerson(who);
    const now = new Date().toISOString();
    await this.db.write(async (tx) => {
      await requireSeries(tx, seriesId);
      await touchPerson(tx, me);
      await log(tx, seriesId, me, now, clean(kind, 20), clean(detail, 200));
    });
  }

  async list(filter: ListFilter = {}): Promise<TrackRow[]> {
    return this.db.read((tx) => readList(tx, filter));
  }

  async detail(seriesId: string): Promise<SeriesDetail | null> {
    return this.db.read((tx) => readDetail(tx, seriesId));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

// Reading the review state back: rows of `track list`, one series in detail, marks for the UI.
// Each is a handful of whole-table (or one-series) queries assembled here, the same on both drivers.
import type { Row, Tx } from './driver.js';
import type { Activity, ListFilter, Note, Person, ReviewerStanding, SeriesDetail, SeriesInfo, TrackRow } from './types.js';
import { isReviewState } from './types.js';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function seriesOf(r: Row): Omit<SeriesInfo, 'patches'> {
  return {
    id: str(r.series_id), title: str(r.title), version: Number(r.version), total: Number(r.total),
    author: { name: str(r.author_name), email: str(r.author_email) },
    changeId: strOrNull(r.change_id), baseCommit: strOrNull(r.base_commit), lastMail: strOrNull(r.last_mail),
  };
}

/** `WHERE series_id = ?` for one series, nothing for all of them. */
function scope(alias: string, one: string | null): [string, unknown[]] {
  return one === null ? ['', []] : [` WHERE ${alias}series_id = ?`, [one]];
}

async function assemble(tx: Tx, one: string | null): Promise<{ rows: TrackRow[]; people: Map<string, string> }> {
  const [w, p] = scope('', one);
  const [wa, pa] = scope('a.', one);
  const series = await tx.all(`SELECT * FROM series${w}`, p);
  const people = new Map((await tx.all('SELECT email, name FROM people')).map((r) => [str(r.email), str(r.name)]));
  const person = (email: string): Person => ({ name: people.get(email) ?? '', email });
  const states = await tx.all(`SELECT series_id, reviewer, state, updated_at, waiting_for FROM reviewer_state${w} ORDER BY updated_at`, p);
  const marks = await tx.all(`SELECT series_id, reviewer, patch_msgid FROM patch_marks${w} ORDER BY patch_msgid`, p);
  const parts = await tx.all(`SELECT series_id, reviewer, part FROM parts_done${w} ORDER BY part`, p);
  const notes = await tx.all(`SELECT series_id, CAST(count(*) AS INTEGER) AS n FROM notes${w} GROUP BY series_id`, p);
  const last = await tx.all(
    `SELECT a.series_id, a.reviewer, a.at FROM activity a${wa}${wa ? ' AND' : ' WHERE'} a.activity_id =
       (SELECT b.activity_id FROM activity b WHERE b.series_id = a.series_id ORDER BY b.at DESC, b.activity_id DESC LIMIT 1)`,
    pa,
  );
  const standings = new Map<string, Map<string, ReviewerStanding>>();
  const standing = (sid: string, email: string): ReviewerStanding => {
    let bySeries = standings.get(sid);
    if (!bySeries) standings.set(sid, (bySeries = new Map()));
    let s = bySeries.get(email);
    if (!s) bySeries.set(email, (s = { reviewer: person(email), state: 'new', waitingFor: null, updatedAt: '', marked: [], partsDone: [] }));
    return s;
  };
  for (const r of states) {
    const s = standing(str(r.series_id), str(r.reviewer));
    const state = str(r.state);
    s.state = isReviewState(state) ? state : 'new';
    s.updatedAt = str(r.updated_at);
    s.waitingFor = strOrNull(r.waiting_for);
  }
  for (const r of marks) standing(str(r.series_id), str(r.reviewer)).marked.push(str(r.patch_msgid));
  for (const r of parts) standing(str(r.series_id), str(r.reviewer)).partsDone.push(str(r.part));
  const noteCount = new Map(notes.map((r) => [str(r.series_id), Number(r.n)]));
  const lastBy = new Map(last.map((r) => [str(r.series_id), { at: str(r.at), who: person(str(r.reviewer)) }]));
  const rows = series.map((r): TrackRow => {
    const info = seriesOf(r);
    const reviewers = [...(standings.get(info.id)?.values() ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.reviewer.email.localeCompare(b.reviewer.email));
    const act = lastBy.get(info.id);
    const mailNewer = info.lastMail && (!act || info.lastMail > act.at);
    const waitingFor: string[] = [];
    for (const s of reviewers) {
      if (s.state !== 'waiting') continue;
      const whom = s.waitingFor ?? (info.author.name || info.author.email);
      if (!waitingFor.includes(whom)) waitingFor.push(whom);
    }
    return {
      series: info,
      reviewers,
      lastActivity: mailNewer ? info.lastMail : act?.at ?? null,
      lastActivityBy: mailNewer ? null : act?.who ?? null,
      waitingFor,
      notes: noteCount.get(info.id) ?? 0,
    };
  });
  return { rows, people };
}

function wanted(row: TrackRow, f: ListFilter): boolean {
  const of = (email: string | undefined) => (email ? row.reviewers.find((s) => s.reviewer.email === email.toLowerCase()) : undefined);
  if (f.reviewer && !of(f.reviewer)) return false;
  const whose = f.stateOf ?? f.reviewer;
  const relevant = whose ? [of(whose)?.state ?? 'new'] : row.reviewers.length ? row.reviewers.map((s) => s.state) : ['new' as const];
  if (f.states?.length && !relevant.some((s) => f.states!.includes(s))) return false;
  // Archived: by me when I have a say, else by everyone who has one.
  const mine = whose ? of(whose) : undefined;
  const archived = mine ? mine.state === 'archived' : row.reviewers.length > 0 && row.reviewers.every((s) => s.state === 'archived');
  if (archived && !f.includeArchived && !f.states?.includes('archived')) return false;
  return true;
}

export async function readList(tx: Tx, filter: ListFilter): Promise<TrackRow[]> {
  const { rows } = await assemble(tx, null);
  return rows
    .filter((r) => wanted(r, filter))
    .sort((a, b) => (b.lastActivity ?? '').localeCompare(a.lastActivity ?? '') || a.series.title.localeCompare(b.series.title) || a.series.version - b.series.version);
}

export async function readDetail(tx: Tx, seriesId: string): Promise<SeriesDetail | null> {
  const { rows, people } = await assemble(tx, seriesId);
  if (!rows.length) return null;
  const person = (email: unknown): Person => ({ name: people.get(str(email)) ?? '', email: str(email) });
  const patches = (await tx.all('SELECT position, msgid, title FROM series_patches WHERE series_id = ? ORDER BY position, msgid', [seriesId]))
    .map((r) => ({ index: Number(r.position), msgid: str(r.msgid), title: str(r.title) }));
  const notes = (await tx.all('SELECT reviewer, at, body FROM notes WHERE series_id = ? ORDER BY at, note_id', [seriesId]))
    .map((r): Note => ({ reviewer: person(r.reviewer), at: str(r.at), text: str(r.body) }));
  const activity = (await tx.all('SELECT reviewer, at, kind, detail FROM activity WHERE series_id = ? ORDER BY at DESC, activity_id DESC LIMIT 500', [seriesId]))
    .map((r): Activity => ({ reviewer: person(r.reviewer), at: str(r.at), kind: str(r.kind), detail: str(r.detail) }));
  const { notes: _count, ...row } = rows[0];
  return { ...row, patches, notes, activity };
}

export async function readMarks(tx: Tx, seriesIds: string[], reviewer: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < seriesIds.length; i += 500) {
    const chunk = seriesIds.slice(i, i + 500);
    const rows = await tx.all(
      `SELECT series_id, patch_msgid FROM patch_marks WHERE reviewer = ? AND series_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY patch_msgid`,
      [reviewer, ...chunk],
    );
    for (const r of rows) {
      const id = str(r.series_id);
      out.set(id, [...(out.get(id) ?? []), str(r.patch_msgid)]);
    }
  }
  return out;
}

// The review state store, one test file for both backends: the embedded SQLite file and a real
// PostgreSQL server (see helpers/postgres.ts). Series come from the real demo mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { openStateStore, seriesInfo, SCHEMA_VERSION, StateError, type SeriesInfo } from '../src/state/index.js';
import { migrate } from '../src/state/migrations.js';
import { ROOT } from './helpers/corpus.js';
import { stateBackends } from './helpers/state-backends.js';

const { backends, cleanup } = await stateBackends('state-store.test');
afterAll(cleanup);

let v1: SeriesInfo;
let v2: SeriesInfo;
beforeAll(async () => {
  const loaded = await loadSources([join(ROOT, 'patches')]);
  const byVersion = (n: number) => seriesInfo(loaded.model.series.find((s) => s.version === n)!);
  v1 = byVersion(1);
  v2 = byVersion(2);
});

const oskar = { name: 'Oskar Lindqvist', email: 'Oskar.Lindqvist@example.org' };
const jonas = { name: 'Jonas Feld', email: 'jonas.feld@example.org' };

function writer(spec: string, series: SeriesInfo, who: string, n: number, start: number): Promise<{ code: number; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/helpers/state-writer.mjs'), spec, JSON.stringify(series), who, String(n), String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('close', (code) => ok({ code: code ?? -1, out }));
  });
}

describe.each(backends)('review state in $name', (b) => {
  it('starts at the newest schema and tracks a real series with its patches', async () => {
    const store = await openStateStore(await b.fresh());
    try {
      expect(store.kind).toBe(b.name);
      expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
      await store.trackSeries(v2);
      const found = await store.findSeries('<20240311094207.40112-4-mira.castellano@example.com>');
      expect(found?.id).toBe('20240311094207.40112-1-mira.castellano@example.com');
      expect(found?.patches.map((p) => p.index)).toEqual([1, 2, 3, 4, 5]);
      expect(found?.baseCommit).toBe('9e0eb1c5804bbacc16790f1e9f844a59006102a7');
      expect(found?.lastMail).toBe('2024-03-14T20:30:41.000Z');
      expect(await store.findSeries('nobody@example.com')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('keeps states per reviewer, marks, parts done, notes, and says who waits for whom', async () => {
    const store = await openStateStore(await b.fresh());
    try {
      await store.trackSeries(v1);
      await store.trackSeries(v2);
      await store.setState(v2.id, oskar, 'waiting');
      await store.changeMarks(v2.id, jonas, [v2.patches[4].msgid], []);
      await store.setPartDone(v2.id, jonas, 'cgroup', true);
      await store.addNote(v2.id, jonas, 'acked the cpuset part\nthe rest goes through mm');
      await store.setState(v1.id, oskar, 'archived');
      const rows = await store.list();
      // v1 is archived by everyone with a say: off the morning table unless asked for.
      expect(rows.map((r) => r.series.id)).toEqual([v2.id]);
      const row = rows[0];
      const byEmail = Object.fromEntries(row.reviewers.map((s) => [s.reviewer.email, s]));
      expect(byEmail['oskar.lindqvist@example.org'].state).toBe('waiting');
      // Marking a patch means reviewing it.
      expect(byEmail['jonas.feld@example.org']).toMatchObject({ state: 'reviewing', marked: [v2.patches[4].msgid], partsDone: ['cgroup'] });
      expect(row.waitingFor).toEqual(['Mira Castellano']);
      expect(row.notes).toBe(1);
      expect(row.lastActivityBy?.email).toBe('jonas.feld@example.org');
      expect((await store.list({ includeArchived: true })).map((r) => r.series.version).sort()).toEqual([1, 2]);
      expect((await store.list({ reviewer: 'jonas.feld@example.org' })).map((r) => r.series.id)).toEqual([v2.id]);
      expect(await store.list({ reviewer: 'jonas.feld@example.org', states: ['waiting'] })).toEqual([]);
      expect((await store.list({ states: ['waiting'] })).map((r) => r.series.id)).toEqual([v2.id]);
      await store.setState(v2.id, oskar, 'waiting', 'Jonas Feld <jonas.feld@example.org>');
      expect((await store.list())[0].waitingFor).toEqual(['Jonas Feld <jonas.feld@example.org>']);
      const d = (await store.detail(v2.id))!;
      expect(d.notes.map((n) => n.text)).toEqual(['acked the cpuset part\nthe rest goes through mm']);
      expect(d.activity.map((a) => a.kind)).toEqual(['state', 'note', 'part', 'mark', 'state']);
      expect((await store.marks([v1.id, v2.id], 'jonas.feld@example.org')).get(v2.id)).toEqual([v2.patches[4].msgid]);
      await store.setPartDone(v2.id, jonas, 'cgroup', false);
      expect((await store.detail(v2.id))!.reviewers.find((s) => s.reviewer.email === 'jonas.feld@example.org')?.partsDone).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses state for a series it does not track, and an unknown state', async () => {
    const store = await openStateStore(await b.fresh());
    try {
      await expect(store.setState('nope@example.com', oskar, 'reviewing')).rejects.toThrow(/not tracked/);
      await store.trackSeries(v2);
      await expect(store.setState(v2.id, oskar, 'merged' as never)).rejects.toBeInstanceOf(StateError);
    } finally {
      await store.close();
    }
  });

  it('stores mail text without control sequences, bounded', async () => {
    const store = await openStateStore(await b.fresh());
    try {
      await store.trackSeries({ ...v2, title: 'evil \x1b]0;owned\x07title\x1b[2J' + 'x'.repeat(2000) });
      await store.addNote(v2.id, oskar, 'bell\x07 and \x1b[31mred\x1b[0m');
      const d = (await store.detail(v2.id))!;
      expect(d.series.title).not.toMatch(/[\x00-\x1f]/);
      expect(d.series.title.length).toBeLessThanOrEqual(500);
      expect(d.notes[0].text).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    } finally {
      await store.close();
    }
  });

  it('merges the marks of two sessions of one reviewer instead of overwriting them', async () => {
    const spec = await b.fresh();
    const a = await openStateStore(spec);
    const c = await openStateStore(spec);
    try {
      await a.trackSeries(v2);
      await a.changeMarks(v2.id, oskar, [v2.patches[0].msgid], []);
      await c.changeMarks(v2.id, oskar, [v2.patches[1].msgid], []);
      await a.changeMarks(v2.id, oskar, [], [v2.patches[0].msgid]);
      expect((await c.marks([v2.id], oskar.email)).get(v2.id)).toEqual([v2.patches[1].msgid]);
    } finally {
      await a.close();
      await c.close();
    }
  });

  it('two concurrent writers on a fresh database lose nothing', async () => {
    const spec = await b.fresh();
    const n = 30;
    const start = Date.now() + 1500;
    const [x, y] = await Promise.all([writer(spec, v2, 'alice', n, start), writer(spec, v2, 'bob', n, start)]);
    expect(x, x.out).toMatchObject({ code: 0 });
    expect(y, y.out).toMatchObject({ code: 0 });
    const store = await openStateStore(spec);
    try {
      const d = (await store.detail(v2.id))!;
      // The writers really took turns: their notes interleave in commit order.
      const authors = d.notes.map((t) => t.text.split(' ')[0]);
      expect(authors.filter((w, i) => i > 0 && w !== authors[i - 1]).length).toBeGreaterThan(5);
      const shared = d.reviewers.find((s) => s.reviewer.email === 'shared@example.org')!;
      expect(shared.marked).toHaveLength(2 * n);
      expect(d.notes).toHaveLength(2 * n);
      for (const who of ['alice', 'bob']) {
        const s = d.reviewers.find((r) => r.reviewer.email === `${who}@example.org`)!;
        expect(s.marked).toEqual([v2.patches[(n - 1) % v2.patches.length].msgid]);
        expect(s.partsDone).toEqual([`part-of-${who}`]);
        expect(d.notes.filter((t) => t.text.startsWith(`${who} note`))).toHaveLength(n);
      }
      // Every change of both writers is in the log.
      const perWriter = n /* shared marks */ + n /* notes */ + 2 * n /* states */ + n /* own marks */ + (n - 1) /* own unmarks */ + 1 /* part */;
      const all = await b.driver(spec);
      const count = await all.read((tx) => tx.all('SELECT CAST(count(*) AS INTEGER) AS n FROM activity'));
      const versions = await all.read((tx) => tx.all('SELECT version FROM lorescope_schema ORDER BY version'));
      await all.close();
      expect(Number(count[0].n)).toBe(2 * perWriter);
      expect(versions.map((r) => Number(r.version))).toEqual([1, 2]);
    } finally {
      await store.close();
    }
  });

  it('migrates a database one schema version older, keeping its data', async () => {
    const spec = await b.fresh();
    const old = await b.driver(spec);
    expect(await migrate(old, 1)).toBe(1);
    // What lorescope at schema version 1 wrote: a series, a state, a mark, a note.
    await old.write(async (tx) => {
      await tx.run(`INSERT INTO series (series_id, title, version, total, author_name, author_email, change_id, base_commit, last_mail, first_seen, updated_at)
        VALUES (?, ?, 2, 5, 'Mira Castellano', 'mira.castellano@example.com', NULL, NULL, NULL, '2024-03-11T10:00:00.000Z', '2024-03-11T10:00:00.000Z')`, [v2.id, v2.title]);
      await tx.run('INSERT INTO people (email, name) VALUES (?, ?)', ['oskar.lindqvist@example.org', 'Oskar Lindqvist']);
      await tx.run("INSERT INTO reviewer_state (series_id, reviewer, state, updated_at) VALUES (?, 'oskar.lindqvist@example.org', 'replied', '2024-03-12T09:00:00.000Z')", [v2.id]);
      await tx.run("INSERT INTO patch_marks (series_id, reviewer, patch_msgid, marked_at) VALUES (?, 'oskar.lindqvist@example.org', ?, '2024-03-12T08:00:00.000Z')", [v2.id, v2.patches[0].msgid]);
      await tx.run("INSERT INTO notes (series_id, reviewer, at, body) VALUES (?, 'oskar.lindqvist@example.org', '2024-03-12T09:30:00.000Z', 'asked about the export')", [v2.id]);
    });
    await old.close();
    const store = await openStateStore(spec);
    try {
      expect(await store.schemaVersion()).toBe(2);
      const [row] = await store.list();
      expect(row.reviewers).toEqual([{ reviewer: { name: 'Oskar Lindqvist', email: 'oskar.lindqvist@example.org' }, state: 'replied', waitingFor: null, updatedAt: '2024-03-12T09:00:00.000Z', marked: [v2.patches[0].msgid], partsDone: [] }]);
      // The activity log is back-filled from what version 1 knew.
      expect(row.lastActivity).toBe('2024-03-12T09:30:00.000Z');
      expect((await store.detail(v2.id))!.activity.map((a) => `${a.kind}:${a.detail}`)).toEqual(['note:asked about the export', 'state:replied', `mark:${v2.patches[0].msgid}`]);
      // Version 2 features work on the migrated series.
      await store.setState(v2.id, oskar, 'waiting', 'the author');
      await store.setPartDone(v2.id, oskar, 'mm', true);
      expect((await store.list())[0]).toMatchObject({ waitingFor: ['the author'], reviewers: [{ partsDone: ['mm'] }] });
    } finally {
      await store.close();
    }
  });

  it('refuses a database made by a newer lorescope', async () => {
    const spec = await b.fresh();
    await (await openStateStore(spec)).close();
    const d = await b.driver(spec);
    await d.write((tx) => tx.run("INSERT INTO lorescope_schema (version, migrated_at) VALUES (?, '2030-01-01T00:00:00.000Z')", [SCHEMA_VERSION + 1]));
    await d.close();
    await expect(openStateStore(spec)).rejects.toThrow(`schema version ${SCHEMA_VERSION + 1}; this lorescope knows versions up to ${SCHEMA_VERSION}: upgrade lorescope`);
  });
});

describe('postgres server for the tests', () => {
  it.runIf(process.env.CI === 'true')('is there under CI', () => {
    expect(backends.map((b) => b.name)).toContain('postgres');
  });
});

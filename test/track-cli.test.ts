// `lorescope track` as reviewers use it, on both stores: two reviewers record their standing on the
// demo series, then the morning table and one series' story come back, as text and as JSON.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers/corpus.js';
import { cleanEnv } from './helpers/fake-github-cli.js';
import { stateBackends } from './helpers/state-backends.js';

const { backends, cleanup } = await stateBackends('track-cli.test');
const home = mkdtempSync(join(tmpdir(), 'ls-track-'));
afterAll(async () => {
  await cleanup();
  rmSync(home, { recursive: true, force: true });
});

const PATCHES = join(ROOT, 'patches');
const COVER = '20240311094207.40112-1-mira.castellano@example.com';
const OSKAR = 'Oskar Lindqvist <oskar.lindqvist@example.org>';
const JONAS = 'Jonas Feld <jonas.feld@example.org>';
const env = cleanEnv({ GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', XDG_STATE_HOME: join(home, 'state'), HOME: home });
const track = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli(['track', ...args], { env: { ...env, ...extra } });

describe.each(backends)('lorescope track on $name', (b) => {
  it('records states, marks, parts and notes, and lists them for the morning', async () => {
    const db = ['--state-db', await b.fresh()];
    const run = (...args: string[]) => {
      const r = track([...args, ...db]);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r.stdout;
    };
    // The first command reads the mail; later ones name the series by any of its Message-IDs.
    expect(run('set', 'reviewing', PATCHES, '--as', OSKAR)).toBe(`oskar.lindqvist@example.org: "mm: fenced memory nodes for CXL-attached memory" v2 is reviewing\n`);
    expect(run('mark', COVER, '-p', '1,2', '--as', OSKAR)).toContain('marked reviewed 1, 2');
    expect(run('mark', '20240311094207.40112-3-mira.castellano@example.com', '-p', '2', '--unmark', '--as', OSKAR)).toContain('unmarked 2');
    expect(run('set', 'waiting', COVER, '--as', JONAS, '--for', 'a v3')).toContain('is waiting for a v3');
    expect(run('done', COVER, '--part', 'cgroup', '--as', JONAS)).toContain('part cgroup done');
    expect(run('note', COVER, '-m', 'the cgroup part is acked; mm takes the rest', '--as', JONAS)).toContain('note added');
    expect(run('add', PATCHES)).toBe('tracking 2 series\n');

    const j = JSON.parse(run('list', '--json', '--as', OSKAR));
    expect(j).toMatchObject({ lorescope: 1, stateDb: { kind: b.name }, me: { email: 'oskar.lindqvist@example.org' } });
    expect(j.series.map((s: { series: { version: number }; state: string }) => [s.series.version, s.state])).toEqual([[2, 'reviewing'], [1, 'new']]);
    const v2 = j.series[0];
    expect(v2.series).toMatchObject({ id: COVER, total: 5, baseCommit: '9e0eb1c5804bbacc16790f1e9f844a59006102a7' });
    expect(v2.waitingFor).toEqual(['a v3']);
    expect(v2.notes).toBe(1);
    expect(v2.lastActivityBy).toEqual({ name: 'Jonas Feld', email: 'jonas.feld@example.org' });
    const by = Object.fromEntries(v2.reviewers.map((s: { reviewer: { email: string } }) => [s.reviewer.email, s]));
    expect(by['oskar.lindqvist@example.org']).toMatchObject({ state: 'reviewing', marked: ['20240311094207.40112-2-mira.castellano@example.com'] });
    expect(by['jonas.feld@example.org']).toMatchObject({ state: 'waiting', waitingFor: 'a v3', partsDone: ['cgroup'] });

    const table = run('list', '--as', JONAS).split('\n');
    expect(table[0]).toMatch(/^SERIES +VER +STATE +WHO +LAST ACTIVITY +WAITING FOR$/);
    expect(table[1]).toMatch(/^mm: fenced memory nodes for CXL-attached memo… +v2 +waiting +Jonas Feld \(waiting for a v3, done: cgroup\); Oskar[^;]*… +\d{4}-\d\d-\d\d \d\d:\d\d +a v3$/);
    expect(table[2]).toMatch(/ v1 +new +- +2024-03-06 \d\d:\d\d ✉ +-$/);
    // Filters: my state, my series only.
    expect(run('list', '--state', 'waiting', '--as', JONAS)).toContain(' v2 ');
    expect(run('list', '--state', 'waiting', '--as', OSKAR)).not.toContain(' v2 ');
    expect(run('list', '--state', 'new', '--as', OSKAR)).toContain(' v1 ');
    expect(run('list', '--mine', '--as', OSKAR)).not.toContain(' v1 ');

    const show = run('show', COVER);
    expect(show).toContain('  1  [Oskar Lindqvist]  mm: add N_FENCED node state and __GFP_FENCED');
    expect(show).toContain('  2  [ ]  mm/memory-tiers: keep fenced nodes out of demotion');
    expect(show).toContain('Jonas Feld: the cgroup part is acked; mm takes the rest');
    expect(show).toContain('Oskar Lindqvist  unmark patch 2/5');
    const detail = JSON.parse(run('show', COVER, '--json'));
    expect(detail.activity.map((a: { kind: string }) => a.kind)).toEqual(['note', 'part', 'state', 'unmark', 'mark', 'mark', 'state']);

    // The digest can include the table.
    const digest = (...args: string[]) => cli(['digest', PATCHES, '--track', ...db, ...args], { env });
    const mdText = digest().stdout;
    expect(mdText).toContain('## Review state');
    expect(mdText).toMatch(/^\| mm: fenced memory nodes for CXL-attached memory \| v2 \| Jonas Feld \(waiting for a v3, done: cgroup\); Oskar Lindqvist \(reviewing, 1\/5 marked\) \| \d{4}-.* \| a v3 \|$/m);
    expect(mdText).toMatch(/^\| mm: fenced memory nodes for CXL-attached memory \| v1 \| - \| 2024-03-06 /m);
    const dj = JSON.parse(digest('--format', 'json').stdout);
    expect(dj.track.series[0].rows.map((r: { series: { version: number } }) => r.series.version)).toEqual([2, 1]);
    expect(digest('--format', 'html').stdout).toMatch(/<section id="review-state">[^]*Jonas Feld \(waiting for a v3, done: cgroup\)[^]*<\/main>/);
  });

  it('says in one line what is wrong', async () => {
    const db = ['--state-db', await b.fresh()];
    const noone = track(['set', 'reviewing', PATCHES, ...db]);
    expect(noone.code).toBe(2);
    expect(noone.stderr).toBe('lorescope: who is reviewing? set git config user.email (and user.name), or pass --as "Name <email>"\n');
    const bad = track(['set', 'merged', PATCHES, '--as', OSKAR, ...db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lorescope: "merged" is not a review state: new, reviewing, replied, waiting, accepted, archived\n');
    const patch = track(['mark', PATCHES, '-p', '9', '--as', OSKAR, ...db]);
    expect(patch.stderr).toBe('lorescope: --patch 9: no such patch in "mm: fenced memory nodes for CXL-attached memory" v2 (patches 1, 2, 3, 4, 5)\n');
  });
});

describe('where the state lives', () => {
  it('by default a private SQLite file in $XDG_STATE_HOME/lorescope, with git config lorescope.stateDb to point elsewhere', () => {
    const r = track(['set', 'replied', PATCHES, '--as', OSKAR]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(home, 'state', 'lorescope', 'state.sqlite');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const j = JSON.parse(track(['list', '--json']).stdout);
    expect(j.stateDb).toEqual({ kind: 'sqlite', where: file });
    expect(j.series[0].reviewers[0].state).toBe('replied');
    const other = join(home, 'team.sqlite');
    const cfg = join(home, 'gitconfig');
    writeFileSync(cfg, `[lorescope]\n\tstateDb = ${other}\n`);
    expect(track(['add', PATCHES], { GIT_CONFIG_GLOBAL: cfg }).code).toBe(0);
    expect(existsSync(other)).toBe(true);
  });

  it('an unreachable PostgreSQL server is one line naming it, without the password', () => {
    const r = track(['list', '--state-db', 'postgres://rev:s3cret@127.0.0.1:1/team']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain('postgres://rev:***@127.0.0.1:1/team: cannot reach the state database');
    expect(r.stderr).not.toContain('s3cret');
  });
});

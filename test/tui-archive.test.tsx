// The terminal UI on the real cgroups archive (19,339 messages) without holding it: `tui ARCHIVE
// MSGID` reads only that thread's unit through the index, and `tui ARCHIVE` shows a window of its
// series at a time (`}` past the window's last series loads the next one), marks saved before a
// window is dropped and found again when it comes back; the whole-archive first frame stays under
// 300 MB. (Small inputs keep today's whole-input UI: the other tui tests.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/corpus.js';
import { archiveMbox, archiveThread } from './helpers/archive.js';
import { renderScreen, strip, type Screen } from './tui-render.js';
import { indexedSources } from '../src/cli/load.js';
import { openPager, type Pager } from '../src/cli/tui-pager.js';
import { openTuiTrack } from '../src/cli/tui-track.js';
import { collectMessages } from '../src/review/messages.js';
import { memoryEffects } from '../src/views/tui/effects.js';
import { seriesDirName } from '../src/views/tui/effects.js';
import type { WindowSource } from '../src/views/tui/window-effects.js';
import { buildData } from '../src/views/tui/data.js';
import { hasTmux, Tmux } from './tui-tmux.js';
import { BIN } from './helpers/corpus.js';

/** A two-patch series with nine replies, alone in its unit (no other version in the archive). */
const ROOT = '20200505084127.12923-1-laoar.shao@gmail.com';
const FRAME_ENV = { LORESCOPE_TUI_FIRST_FRAME: '1', NO_COLOR: '1', COLUMNS: '120', LINES: '40' };
const TIME = '/usr/bin/time';

/** The first frame the CLI draws (its first 40 lines on stdout). */
const firstFrame = (out: string) => strip(out).split('\n').slice(0, 40).join('\n');

let archive: string;
beforeAll(() => {
  archive = archiveMbox();
  // The index of this worker's cache (test/setup-env.ts), shared by the CLI runs and the pager below.
  expect(cli(['index', archive]).code).toBe(0);
}, 120_000);

describe('tui ARCHIVE MSGID: one thread through the index', () => {
  it('draws the same first frame as the thread on its own', async () => {
    const thread = await archiveThread(ROOT);
    const alone = cli(['tui', thread], { env: FRAME_ENV });
    expect(alone.code, alone.stderr).toBe(0);
    expect(firstFrame(alone.stdout)).toMatch(/^mm: memcontrol: memory\.\{low,min\} reclaim fix & cleanup +v3 · 2\/2 patches$/m);
    const picked = cli(['tui', archive, `<${ROOT}>`], { env: FRAME_ENV });
    expect(picked.code, picked.stderr).toBe(0);
    expect(firstFrame(picked.stdout)).toBe(firstFrame(alone.stdout));
  }, 60_000);

  it('opens on the series of the message, also by a reply, bare or in <>: the demo\'s reply to v1 opens v1 (not the newest), with or without the index', () => {
    for (const [extra, id] of [[[], '<ZecrJ4kQm1vT8wXa@ol-t14>'], [['--no-index'], 'ZecrJ4kQm1vT8wXa@ol-t14']] as const) {
      const r = cli(['tui', ...extra, 'patches/', id], { env: FRAME_ENV });
      expect(r.code, r.stderr).toBe(0);
      expect(firstFrame(r.stdout).split('\n').slice(0, 2).join('\n')).toMatch(/^mm: fenced memory nodes for CXL-attached memory +v1 RFC · 2\/2 patches\nMira Castellano · 2024-03-04 08:15 · versions: \[v1\] v2 · /);
    }
  });

  it('an id the archive does not hold: one line, exit 2', () => {
    const r = cli(['tui', archive, 'no-such-thread@example.org'], { env: FRAME_ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('lorescope: no message <no-such-thread@example.org> in input\n');
  });
});

describe.skipIf(!existsSync(TIME))(`tui ARCHIVE: the first frame from a window (needs ${TIME})`, () => {
  it('shows the first series of the archive, numbered against the whole, under 300 MB peak RSS', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ls-rss-')), 'rss');
    const r = cli(['tui', archive], { env: FRAME_ENV, wrap: [TIME, '-o', file, '-f', '%M'] });
    expect(r.code, r.stderr).toBe(0);
    const peakMb = Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024;
    rmSync(file);
    expect(firstFrame(r.stdout)).toMatch(/^memcg, oom: no oom-kill for __GFP_RETRY_MAYFAIL +v3 · 2\/2 patches$/m);
    expect(firstFrame(r.stdout)).toMatch(/ · series 1 of ~\d{4}$/m);
    expect(peakMb).toBeLessThan(300);
  }, 60_000);
});

describe('tui ARCHIVE: } and { page through windows of the archive', () => {
  let pager: Pager;
  let windows: WindowSource;
  beforeAll(async () => {
    const indexed = (await indexedSources([archive], {}))!;
    pager = openPager(indexed.db, indexed.sources, {})!;
    expect(pager.count).toBeGreaterThan(50);
    windows = async (k) => {
      const w = await pager.read(k);
      return { review: w.review, messages: collectMessages(w.loaded.mails, w.review), track: null };
    };
  });

  /** Press `key` until `done()` (at most `max` times). */
  async function pressUntil(s: Screen, key: '}' | '{', done: () => boolean, max = 80): Promise<void> {
    for (let i = 0; i < max && !done(); i++) await s.press(key);
    expect(done()).toBe(true);
  }
  /** Wait (pressing nothing) until `done()`: a window being read. */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(done()).toBe(true);
  }

  it('moves to the next window past the last series, numbering on; a mark is saved and found again', async () => {
    const first = await windows(0);
    const effects = memoryEffects({ windows });
    const s = await renderScreen(first, { width: 120, height: 40, effects, page: { count: pager.count, total: pager.total } });
    try {
      expect(s.frame()).toMatch(/ · series 1 of ~\d{4}\n/);
      const works = s.state().data.works.length;
      expect(works).toBeGreaterThan(1);
      // Mark the second patch of the first series.
      await s.press('n', 'm');
      const marked = s.state().reviewed;
      expect(marked).toHaveLength(1);
      const seriesId = s.state().data.model.series[s.state().series].id;
      // To the window's last series, then one more: the next window, its first series numbered works + 1.
      await pressUntil(s, '}', () => s.state().data.workOf[s.state().series] === works - 1);
      expect(s.state().page!.index).toBe(0);
      await s.press('}');
      await until(() => s.state().page!.index === 1 && !s.state().page!.loading);
      expect(s.frame()).toContain(` · series ${works + 1} of ~`);
      const title = s.state().data.model.series[s.state().series].title;
      expect(s.frame().split('\n')[0]).toContain(title.slice(0, 40));
      // The mark was stored before its window was dropped.
      expect(JSON.parse(effects.files.get(`${effects.stateDir}/series/${seriesDirName(seriesId)}/reviewed.json`)!).reviewed).toEqual(marked);
      // Back: { before the first series loads the previous window at its last series; on to its first.
      await s.press('{');
      await until(() => s.state().page!.index === 0 && !s.state().page!.loading);
      await pressUntil(s, '{', () => s.state().data.workOf[s.state().series] === 0);
      expect(s.frame()).toContain(' · series 1 of ~');
      expect(s.state().reviewed).toEqual(marked);
      expect(s.frame()).toMatch(/^✓ 2\/2 /m);
    } finally {
      s.unmount();
    }
  }, 60_000);
});

describe('the review-state session follows the window', () => {
  const home = mkdtempSync(join(tmpdir(), 'ls-tui-window-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('marks of a window come back with it; states and apply reach the series of the window shown', async () => {
    const indexed = (await indexedSources([archive], {}))!;
    const pager = openPager(indexed.db, indexed.sources, {})!;
    const [w0, w1] = [await pager.read(0), await pager.read(1)];
    // A tree that is no git tree: `a` finds the series in the window's mail, then git refuses.
    const track = (await openTuiTrack(w0.loaded, w0.review, { stateDb: join(home, 'state.sqlite'), tree: home }))!;
    try {
      const s0 = w0.review.series[0];
      await track.changeMarks(s0.id, [s0.patches[0].msgid], []);
      const s1 = w1.review.series[0];
      // Not in the mail of window 0: the session knows only the window it was told of.
      await expect(track.setState(s1.id, 'reviewing')).rejects.toThrow(/not in the mail/);
      await track.show(w1.loaded, w1.review);
      await track.setState(s1.id, 'reviewing');
      await track.show(w0.loaded, w0.review);
      expect(track.marks.get(s0.id)).toEqual([s0.patches[0].msgid]);
      // Unmarked while shown: gone when the window comes back again.
      await track.changeMarks(s0.id, [], [s0.patches[0].msgid]);
      await track.show(w1.loaded, w1.review);
      await track.show(w0.loaded, w0.review);
      expect(track.marks.get(s0.id)).toEqual([]);
      await track.show(w1.loaded, w1.review);
      expect(track.view.mine[s1.id]).toBe('reviewing');
      const tried = (id: string) => track.apply(id).then((r) => r.text, (e: Error) => e.message);
      expect(await tried(s0.id)).toBe(`no patch series <${s0.id}> to apply`);
      expect(await tried(s1.id)).not.toMatch(/no patch series/);
    } finally {
      await track.close();
    }
  }, 60_000);
});

describe.skipIf(!hasTmux())('tui ARCHIVE in a real terminal (tmux)', () => {
  const home = mkdtempSync(join(tmpdir(), 'ls-tui-archive-e2e-'));
  const term = new Tmux();
  afterAll(() => {
    term.kill();
    rmSync(home, { recursive: true, force: true });
  });

  it('} into the next window draws its series and their analysis; { comes back to a mark kept', async () => {
    const indexed = (await indexedSources([archive], {}))!;
    const works = buildData((await openPager(indexed.db, indexed.sources, {})!.read(0)).review).works.length;
    term.start(`node ${BIN} tui ${archive}`, {
      cwd: home, width: 120, height: 40,
      env: { NO_COLOR: '1', TERM: 'xterm-256color', XDG_CACHE_HOME: process.env.XDG_CACHE_HOME!, XDG_STATE_HOME: join(home, 'state') },
    });
    const header = (n: number) => (x: string) => x.split('\n')[1]?.includes(` · series ${n} of ~`) && !x.includes('loading…') && !x.includes('analysing');
    await term.waitFor(header(1), 'the first window analysed', 20_000);
    await term.keys('m');
    await term.waitFor((x) => /^✓ 1\/2 /m.test(x), 'the mark');
    await term.keys(...Array(works - 1).fill('}'));
    await term.waitFor(header(works), "the window's last series");
    await term.keys('}');
    await term.waitFor(header(works + 1), 'the next window, analysed', 20_000);
    await term.keys('{');
    await term.waitFor(header(works), 'the first window again, at its last series', 20_000);
    await term.keys(...Array(works - 1).fill('{'));
    const back = await term.waitFor(header(1), 'the first series');
    expect(back).toMatch(/^✓ 1\/2 /m);
    expect(back).not.toContain('marks not saved');
    await term.keys('q');
    expect(await term.exited()).toBe(0);
  }, 90_000);
});

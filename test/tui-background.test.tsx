// The UI draws the series before MAINTAINERS and the rules are done, and shows their findings when
// they arrive, on the real RFC v4 thread with MAINTAINERS-6.12.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { render } from 'ink-testing-library';
import { loadSources, type Loaded } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { collectMessages, lazyMessages } from '../src/review/messages.js';
import { analysersFor } from '../src/cli/review.js';
import { analyseInBackground } from '../src/cli/tui-analysis.js';
import { jobFor, runJob } from '../src/cli/tui-analysis-job.js';
import type { ReviewModel } from '../src/model/review.js';
import { App } from '../src/views/tui/app.js';
import { buildData, type AnalysedData } from '../src/views/tui/data.js';
import { memoryEffects } from '../src/views/tui/effects.js';
import { launchTui } from '../src/views/tui/launch.js';
import { initState } from '../src/views/tui/state.js';
import { reduce } from '../src/views/tui/reduce.js';
import { themeFor } from '../src/views/tui/theme.js';
import { corpus } from './helpers/corpus.js';
import { strip } from './tui-render.js';

const RFC_V4 = corpus('real', 'rfc-v4', 'private-memory-nodes-v4.mbox');
const MAINT = corpus('kernel', 'MAINTAINERS-6.12');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function until(test: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The row of patch N/27 in a frame. */
const patchRow = (frame: string, n: number) => frame.split('\n').find((l) => new RegExp(`^[·✓] +${n}/27 `).test(l)) ?? '';

describe('background analysis on the RFC v4 thread', () => {
  let loaded: Loaded;
  let quick: ReviewModel;
  let full: ReviewModel;
  beforeAll(async () => {
    loaded = await loadSources([RFC_V4]);
    quick = buildReview(loaded);
    full = buildReview(loaded, await analysersFor({ maintainers: MAINT }));
  });

  it('draws the series first and the findings when the analysis arrives, keeping the cursor', async () => {
    const pending = deferred<AnalysedData>();
    const initial = initState(buildData(quick, {}), { width: 120, height: 40, analysing: true });
    const inst = render(<App initial={initial} effects={memoryEffects()} theme={themeFor({ NO_COLOR: '1' })} pending={pending.promise} />);
    try {
      await until(() => (inst.lastFrame() ?? '').includes('v4 RFC · 27/27 patches'), 'the overview');
      let frame = strip(inst.lastFrame()!);
      expect(frame).toContain('analysing (rules, MAINTAINERS)…');
      expect(patchRow(frame, 1)).not.toMatch(/\bW\d+/);
      expect(patchRow(frame, 1)).not.toContain('[mm]');
      expect(frame).toContain('Series: 54 files changed, +4057 -152; 27/27 patches');
      // Keys work meanwhile: down to patch 2.
      inst.stdin.write('j');
      await sleep(50);
      inst.stdin.write('j');
      await until(() => strip(inst.lastFrame()!).includes('[RFC PATCH v4 02/27]'), 'the pane about 2/27');

      const p1 = full.series[0].patches[0];
      expect(p1.findings.filter((f) => f.severity === 'warn').length).toBe(19);
      pending.resolve({ data: buildData(full, collectMessages(loaded.mails, full)), warnings: [] });
      await until(() => !strip(inst.lastFrame()!).includes('analysing'), 'the analysis on screen');
      frame = strip(inst.lastFrame()!);
      expect(patchRow(frame, 1)).toMatch(/ W19\b/);
      expect(patchRow(frame, 1)).toContain('[mm]');
      // Still on patch 2, whose pane now has its findings.
      expect(frame).toContain('[RFC PATCH v4 02/27]');
      expect(frame).toMatch(/high mm\.gfp-flags: GFP flag defined or redefined ×4/);
    } finally {
      inst.unmount();
    }
  });

  it('says so when the analysis fails, and keeps the series', () => {
    const s = initState(buildData(quick, {}), { width: 120, height: 40, analysing: true });
    const out = reduce(s, { type: 'analysed', error: 'worker exited with code 1' });
    expect(out.analysing).toBe(false);
    expect(out.status).toEqual({ text: 'analysis failed: worker exited with code 1', tone: 'error' });
    expect(out.data).toBe(s.data);
  });

  it('a warning of the analysis does not hide what the user\'s last key said', () => {
    const s = { ...initState(buildData(quick, {}), { width: 120, height: 40, analysing: true }), status: { text: 'my state: reviewing', tone: 'info' as const } };
    const out = reduce(s, { type: 'analysed', data: s.data, warnings: ['the tree has no MAINTAINERS file'] });
    expect(out.status).toEqual({ text: 'my state: reviewing · the tree has no MAINTAINERS file', tone: 'info' });
    const quiet = reduce({ ...s, status: null }, { type: 'analysed', data: s.data, warnings: ['the tree has no MAINTAINERS file'] });
    expect(quiet.status).toEqual({ text: 'the tree has no MAINTAINERS file', tone: 'error' });
  });

  it('computes in the background job exactly what buildReview computes in one go', async () => {
    const job = jobFor(loaded, quick, { maintainers: MAINT });
    // Only the cover letter and the patches cross, as one buffer, and the diffs are parsed again there.
    expect(job.lengths.length).toBe(28);
    expect(job.model.series[0].patches.every((p) => p.files.length === 0)).toBe(true);
    const r = await runJob(job);
    expect(r.warnings).toEqual([]);
    // Here (the sources under test) there is no compiled worker: the job runs on this thread.
    const u = await analyseInBackground(loaded, quick, { maintainers: MAINT }).result;
    expect(u.ranIn).toBe('main thread');
    expect(JSON.stringify(u.review)).toBe(JSON.stringify(full));
    // The built CLI's runs in its worker thread.
    const built = (await import('../dist/cli/tui-analysis.js')) as typeof import('../src/cli/tui-analysis.js');
    const w = await built.analyseInBackground(loaded, quick, { maintainers: MAINT }).result;
    expect(w.ranIn).toBe('worker');
    expect(JSON.stringify(w.review)).toBe(JSON.stringify(full));
    expect(r.analysis.series[0].findings.length).toBe(full.series[0].findings.length);
  });

  it('decodes message texts only when read, and gives what collectMessages gives', () => {
    const eager = collectMessages(loaded.mails, quick);
    const lazy = lazyMessages(loaded.mails, quick);
    expect(Object.keys(lazy)).toEqual(Object.keys(eager));
    expect(Object.keys(lazy)).toHaveLength(104);
    const id = quick.series[0].patches[3].msgid;
    expect(lazy[id]).toEqual(eager[id]);
    expect(lazy['no-such@id']).toBeUndefined();
    expect('__proto__' in lazy).toBe(false);
    expect({ ...lazy }).toEqual({ ...eager });
  });

  it("rejects with the job's own one-line error when the job fails in the worker", async () => {
    const built = (await import('../dist/cli/tui-analysis.js')) as typeof import('../src/cli/tui-analysis.js');
    const bg = built.analyseInBackground(loaded, quick, { maintainers: '/nonexistent/MAINTAINERS' });
    await expect(bg.result).rejects.toThrow('/nonexistent/MAINTAINERS: no such MAINTAINERS file');
  });

  it('reports rule and MAINTAINERS problems as warnings for the status line, not on the terminal', async () => {
    const write = vi.spyOn(process.stderr, 'write');
    try {
      const r = await runJob(jobFor(loaded, quick, { maintainers: MAINT, enable: ['no.such.rule'] }));
      expect(r.warnings).toEqual(['lorescope: no rule matches "no.such.rule"']);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});

describe('launch: the first frame before the analysis', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the overview before the background work is even started, then ink draws its findings', async () => {
    const loaded = await loadSources([RFC_V4]);
    const quick = buildReview(loaded);
    const full = buildReview(loaded, await analysersFor({ maintainers: MAINT }));
    let out = '';
    const stdout = Object.assign(new Writable({ write(chunk, _enc, cb) { out += chunk.toString(); cb(); } }), { columns: 120, rows: 40, isTTY: false }) as unknown as NodeJS.WriteStream;
    const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const pending = deferred<{ review: ReviewModel; warnings: string[] }>();
    let startedWith = '';
    const done = launchTui(quick, {
      env: { LORESCOPE_TUI_FIRST_FRAME: '1', NO_COLOR: '1', COLUMNS: '120', LINES: '40' },
      stdout, stdin, effects: memoryEffects(),
      background: () => {
        startedWith = out;
        return { result: pending.promise, cancel: () => {} };
      },
    });
    await until(() => startedWith !== '', 'the background start');
    // The first frame was out before the analysis started, and has no findings.
    expect(strip(startedWith)).toContain('v4 RFC · 27/27 patches');
    expect(strip(startedWith)).toContain('analysing (rules, MAINTAINERS)…');
    expect(patchRow(strip(startedWith), 1)).not.toMatch(/\bW\d+/);
    await sleep(100);
    pending.resolve({ review: full, warnings: [] });
    expect(await done).toBe(0);
    // Later frames (ink's) have the findings.
    expect(strip(out.slice(startedWith.length))).toMatch(/ 1\/27 +numa: introduce N_MEMORY_PRIVATE node state \[mm\] +W19/);
  });
});

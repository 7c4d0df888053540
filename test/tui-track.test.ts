// The UI's review-state session (src/cli/tui-track.ts) behind the effects layer, on both stores:
// marks saved as changes so two UI sessions merge, my state and parts preloaded, the JSON marks of
// earlier versions moved into the store once, and a shared server that cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReview } from '../src/cli/review.js';
import { openTuiTrack } from '../src/cli/tui-track.js';
import { nodeEffects, seriesDirName } from '../src/views/tui/effects.js';
import { provideTrackSession } from '../src/views/tui/track-services.js';
import { openStateStore } from '../src/state/index.js';
import type { Loaded } from '../src/pipeline/load.js';
import type { ReviewModel } from '../src/model/review.js';
import { stateBackends } from './helpers/state-backends.js';

const { backends, cleanup } = await stateBackends('tui-track.test');
const home = mkdtempSync(join(tmpdir(), 'ls-tui-track-'));
const saved = { XDG_STATE_HOME: process.env.XDG_STATE_HOME, GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
let loaded: Loaded;
let review: ReviewModel;
const COVER = '20240311094207.40112-1-mira.castellano@example.com';
const P = (n: number) => `20240311094207.40112-${n + 1}-mira.castellano@example.com`;

beforeAll(async () => {
  // gitConfig() runs git in this process: a config of our own names the reviewer.
  const cfg = join(home, 'gitconfig');
  writeFileSync(cfg, '[user]\n\tname = Rev Iewer\n\temail = rev@example.net\n');
  Object.assign(process.env, { XDG_STATE_HOME: join(home, 'state'), GIT_CONFIG_GLOBAL: cfg, GIT_CONFIG_NOSYSTEM: '1' });
  ({ loaded, review } = await loadReview([], { noRules: true }));
});
afterAll(async () => {
  provideTrackSession(null);
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await cleanup();
  rmSync(home, { recursive: true, force: true });
});

describe.each(backends)('the UI review-state session on $name', (b) => {
  it('saves marks as changes, so two sessions of the UI merge, and preloads my state and parts', async () => {
    const spec = await b.fresh();
    const one = (await openTuiTrack(loaded, review, { stateDb: spec }))!;
    const two = (await openTuiTrack(loaded, review, { stateDb: spec }))!;
    provideTrackSession(one);
    const fx1 = nodeEffects();
    provideTrackSession(two);
    const fx2 = nodeEffects();
    expect(fx1.loadReviewed([COVER]).reviewed).toEqual([]);
    expect(fx2.loadReviewed([COVER]).reviewed).toEqual([]);
    // Each session marks a different patch and saves its whole list, as the reducer hands it over.
    await fx1.saveReviewed(COVER, [P(1)]);
    await fx2.saveReviewed(COVER, [P(2)]);
    await fx1.saveReviewed(COVER, []);
    await fx1.setState(COVER, 'replied');
    await fx1.setParts(COVER, ['cgroup']);
    await one.close();
    await two.close();
    const three = (await openTuiTrack(loaded, review, { stateDb: spec }))!;
    try {
      expect(three.marks.get(COVER)).toEqual([P(2)]);
      expect(three.view).toMatchObject({ mine: { [COVER]: 'replied' }, parts: { [COVER]: ['cgroup'] } });
      expect(three.view.where).toContain(b.name === 'sqlite' ? '.sqlite' : 'postgres://');
    } finally {
      await three.close();
    }
  });
});

describe('the UI review-state session', () => {
  it('moves the reviewed.json marks of earlier versions into the store, once', async () => {
    const dir = join(home, 'state', 'lorescope', 'series', seriesDirName(COVER));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'reviewed.json'), JSON.stringify({ series: COVER, reviewed: [P(3), P(4)] }));
    const spec = join(home, 'migrated.sqlite');
    const s = (await openTuiTrack(loaded, review, { stateDb: spec }))!;
    expect(s.marks.get(COVER)).toEqual([P(3), P(4)]);
    await s.close();
    expect(existsSync(join(dir, 'reviewed.json'))).toBe(false);
    expect(existsSync(join(dir, 'reviewed.json.imported'))).toBe(true);
    const store = await openStateStore(spec);
    expect((await store.marks([COVER], 'rev@example.net')).get(COVER)).toEqual([P(3), P(4)]);
    await store.close();
  });

  it('falls back to the local file when the shared server cannot be reached, and says so', async () => {
    const s = (await openTuiTrack(loaded, review, { stateDb: 'postgres://rev:pw@127.0.0.1:1/team' }))!;
    try {
      expect(s.view.where).toBe(join(home, 'state', 'lorescope', 'state.sqlite'));
      expect(s.view.warning).toMatch(/^postgres:\/\/rev:\*\*\*@127\.0\.0\.1:1\/team: cannot reach the state database: .*; using the local state file .*state\.sqlite instead$/);
      expect(s.view.warning).not.toContain(':pw@');
    } finally {
      await s.close();
    }
  });
});

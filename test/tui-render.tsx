// Test helpers for the terminal UI: load real mail into the review model, render the app at a fixed
// size with in-memory effects, press keys and wait for the frame to settle.
import { render } from 'ink-testing-library';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { collectMessages, type MessageText } from '../src/review/messages.js';
import type { Finding, ReviewModel } from '../src/model/review.js';
import { App } from '../src/views/tui/app.js';
import { buildData } from '../src/views/tui/data.js';
import { memoryEffects, type MemoryEffects } from '../src/views/tui/effects.js';
import { initState, type State } from '../src/views/tui/state.js';
import { themeFor, type Theme } from '../src/views/tui/theme.js';
import { reduce } from '../src/views/tui/reduce.js';
import { ROOT, corpus } from './helpers/corpus.js';

export const DEMO = join(ROOT, 'patches');
export const FOLLOWUPS = corpus('b4-samples', 'trailers-thread-with-followups.mbox');

export interface Loaded {
  review: ReviewModel;
  messages: Record<string, MessageText>;
}

export async function loadModel(sources: string[]): Promise<Loaded> {
  const loaded = await loadSources(sources);
  const review = buildReview(loaded);
  return { review, messages: collectMessages(loaded.mails, review) };
}

/**
 * The demo with one hand-made finding, so screen tests do not change with the rule pack: on the
 * `fence_id` field that v2 1/5 adds to struct page (include/linux/mm_types.h:59, new side). The
 * end-to-end test (tui-e2e) uses the real rule engine.
 */
export async function demoWithFinding(): Promise<Loaded> {
  const m = await loadModel([DEMO]);
  const v2 = m.review.series[1];
  const p = v2.patches[0];
  const line = p.files.find((f) => f.path === 'include/linux/mm_types.h')!.hunks[0].lines.find((l) => l.text.includes('unsigned long fence_id;'))!;
  const f: Finding = {
    ruleId: 'mm.struct-page.layout', severity: 'high', title: 'struct page layout changed',
    message: 'A field was added inside struct page.', rationale: 'struct page is sized and overlaid with care; a new word moves every field after it.',
    patchIndex: 1, msgid: p.msgid, file: 'include/linux/mm_types.h', line: line.newLine, side: 'new', text: line.text.trim(), fingerprint: 'test',
  };
  p.findings.push(f);
  v2.findings.push(f);
  return m;
}

const SGR = /\x1b\[[0-9;]*m/g;
export const strip = (s: string) => s.replace(SGR, '');

const KEYS: Record<string, string> = {
  enter: '\r', escape: '\x1b', up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D',
  pageup: '\x1b[5~', pagedown: '\x1b[6~', space: ' ', backspace: '\x7f', 'ctrl+c': '\x03',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Screen {
  /** The last frame, colour codes stripped. */
  frame(): string;
  raw(): string;
  state(): State;
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  effects: MemoryEffects;
  unmount(): void;
}

export async function renderScreen(m: Loaded, opts: { width?: number; height?: number; effects?: MemoryEffects; theme?: Theme; page?: { count: number; total: number } } = {}): Promise<Screen> {
  const effects = opts.effects ?? memoryEffects({ identity: { name: 'Rev Iewer', email: 'reviewer@example.net' } });
  const data = buildData(m.review, m.messages);
  const { reviewed } = effects.loadReviewed(m.review.series.map((s) => s.id));
  let last = initState(data, { width: opts.width ?? 100, height: opts.height ?? 30, reviewed, page: opts.page });
  let updates = 0;
  const inst = render(<App initial={last} effects={effects} theme={opts.theme ?? themeFor({ NO_COLOR: '1' })} onState={(s) => { last = s; updates++; }} />);

  async function settle(since: number, before: string | undefined): Promise<void> {
    // The state must move (or 300 ms pass: a key that changes nothing); ink then draws at most
    // 30 times a second, so wait for the frame to change, and then to hold still.
    for (let i = 0; i < 60 && updates === since; i++) await sleep(5);
    if (updates !== since) for (let i = 0; i < 50 && inst.lastFrame() === before; i++) await sleep(5);
    let prev = inst.lastFrame();
    for (let stableFor = 0, i = 0; stableFor < 3 && i < 200; i++) {
      await sleep(10);
      const cur = inst.lastFrame();
      stableFor = cur === prev ? stableFor + 1 : 0;
      prev = cur;
    }
  }
  // Keys written in the same tick as the first frame are lost: wait for it.
  await settle(-1, undefined);
  async function press(...keys: string[]): Promise<void> {
    for (const k of keys) {
      const since = updates;
      const before = inst.lastFrame();
      inst.stdin.write(KEYS[k] ?? k);
      await settle(since, before);
    }
  }
  return {
    frame: () => strip(inst.lastFrame() ?? ''),
    raw: () => inst.lastFrame() ?? '',
    state: () => last,
    press,
    type: (text) => press(...text),
    effects,
    unmount: () => inst.unmount(),
  };
}

/** Reducer-only driving: press keys on a state without a terminal. */
export function pressAll(s: State, ...keys: string[]): State {
  let out = s;
  for (const k of keys) out = reduce(out, { type: 'key', name: k, text: k.length === 1 ? k : undefined });
  return out;
}

export function stateFor(m: Loaded, opts: { width?: number; height?: number; reviewed?: string[] } = {}): State {
  return initState(buildData(m.review, m.messages), { width: opts.width ?? 100, height: opts.height ?? 30, reviewed: opts.reviewed });
}

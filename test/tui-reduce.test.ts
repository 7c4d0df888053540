// Every keymap command through the pure reducer, on the demo series (with one finding placed where
// the struct-page rule reports it) and on a real b4 corpus thread.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/views/tui/keymap.js';
import { KEYMAP, commandFor } from '../src/views/tui/keymap.js';
import { reduce } from '../src/views/tui/reduce.js';
import { isDirty, type State } from '../src/views/tui/state.js';
import { focusRow, rowsOf } from '../src/views/tui/nav.js';
import { rowText } from '../src/views/tui/rows.js';
import { bodyHeight, viewHeight } from '../src/views/tui/layout.js';
import { DEMO, FOLLOWUPS, demoWithFinding, loadModel, pressAll, stateFor, type Loaded } from './tui-render.js';

let demo: Loaded;
let s0: State;
const V2_1 = '20240311094207.40112-2-mira.castellano@example.com';
const V2_COVER = '20240311094207.40112-1-mira.castellano@example.com';

beforeAll(async () => {
  demo = await demoWithFinding();
  s0 = stateFor(demo);
});

const text = (s: State) => rowText(focusRow(s)!);
const patchRowIndex = (s: State, index: number) => rowsOf(s, 'overview').findIndex((r) => r.patch !== undefined && r.patch >= 0 && s.data.model.series[s.series].patches[r.patch].index === index);
/** Overview → open patch N of the shown series. */
const openPatchN = (s: State, n: number) => pressAll({ ...s, overview: { ...s.overview, cursor: patchRowIndex(s, n) } }, 'enter');

// One entry per command: the type makes a command without a test a compile error.
const cases: Record<Command, () => void> = {
  'cursor.down': () => {
    const s = pressAll(s0, 'j');
    expect(s.overview.cursor).toBe(1);
    expect(text(s)).toContain('1/5');
    expect(pressAll(s0, 'down').overview.cursor).toBe(1);
  },
  'cursor.up': () => {
    expect(pressAll(s0, 'k').overview.cursor).toBe(0);
    expect(pressAll(s0, 'j', 'j', 'up').overview.cursor).toBe(1);
  },
  'page.down': () => {
    const s = pressAll(openPatchN(s0, 1), 'space');
    const h = bodyHeight('patch', s.height);
    expect(s.patch.top).toBe(h);
    expect(s.patch.cursor).toBeGreaterThanOrEqual(h);
    expect(pressAll(openPatchN(s0, 1), 'pagedown').patch.top).toBe(h);
  },
  'page.up': () => {
    const s = pressAll(openPatchN(s0, 1), 'space', 'space', 'b');
    expect(s.patch.top).toBe(bodyHeight('patch', s.height));
    expect(pressAll(s, 'pageup').patch.top).toBe(0);
  },
  top: () => {
    expect(pressAll(s0, 'j', 'j', 'j', 'g').overview.cursor).toBe(0);
  },
  bottom: () => {
    const s = pressAll(s0, 'G');
    expect(text(s)).toContain('5/5');
    const p = pressAll(openPatchN(s0, 1), 'end');
    expect(p.patch.cursor).toBe(rowsOf(p).length - 1);
  },
  open: () => {
    const cover = pressAll(s0, 'enter');
    expect(cover.overview.coverOpen).toBe(true);
    expect(rowsOf(cover).map(rowText).join('\n')).toContain('Changes since v1');
    expect(pressAll(cover, 'enter').overview.coverOpen).toBe(false);
    const p = pressAll(s0, 'j', 'enter');
    expect(p.screen).toBe('patch');
    expect(p.data.model.series[p.series].patches[p.patch.pos].msgid).toBe(V2_1);
    // In the thread, Enter on a reply opens the message.
    const t = pressAll(s0, 't', 'j', 'enter');
    expect(t.screen).toBe('message');
    expect(t.message.msgid).toBe('ZfMx9Qd2Hh3kPz0c@jf-desk');
  },
  back: () => {
    const p = pressAll(s0, 'j', 'j', 'enter');
    const b = pressAll(p, 'escape');
    expect(b.screen).toBe('overview');
    expect(text(b)).toContain('2/5');
    expect(pressAll(p, 'h').screen).toBe('overview');
    // At the root, Esc clears a filter.
    const f = pressAll(s0, 'f');
    expect(pressAll(f, 'escape').overview.onlyFindings).toBe(false);
  },
  'patch.next': () => {
    const p = pressAll(openPatchN(s0, 1), 'n', 'n');
    expect(p.data.model.series[p.series].patches[p.patch.pos].index).toBe(3);
    const last = pressAll(openPatchN(s0, 5), 'n');
    expect(last.status?.text).toBe('last patch');
    expect(pressAll(s0, 'n').overview.cursor).toBe(patchRowIndex(s0, 1));
  },
  'patch.prev': () => {
    const p = pressAll(openPatchN(s0, 3), 'p');
    expect(p.data.model.series[p.series].patches[p.patch.pos].index).toBe(2);
    expect(pressAll(openPatchN(s0, 1), 'p').status?.text).toBe('first patch');
  },
  'finding.next': () => {
    const p = pressAll(openPatchN(s0, 1), ']');
    const rows = rowsOf(p);
    expect(rowText(rows[p.patch.cursor])).toContain('high mm.struct-page.layout: struct page layout changed');
    // The finding sits right under the line it is about.
    expect(rowText(rows[p.patch.cursor - 1])).toMatch(/^\s+59 \+\s+unsigned long fence_id;/);
    expect(pressAll(p, ']').status?.text).toBe('no further finding');
    // From the overview: to the patch that has findings.
    expect(text(pressAll(s0, ']'))).toContain('1/5');
  },
  'finding.prev': () => {
    // From a later patch, [ walks back into the previous patch that has a finding.
    const p = pressAll(openPatchN(s0, 3), '[');
    expect(p.data.model.series[p.series].patches[p.patch.pos].index).toBe(1);
    expect(text(p)).toContain('mm.struct-page.layout');
  },
  'comment.next': () => {
    const p = pressAll(openPatchN(s0, 1), '.');
    expect(text(p)).toContain('Oskar Lindqvist commented');
    const q = pressAll(p, '.');
    expect(q.data.model.series[q.series].patches[q.patch.pos].index).toBe(2);
    expect(text(q)).toContain('Oskar Lindqvist commented');
    // In the message view, . walks the thread's replies.
    const m = pressAll(s0, 't', 'j', 'enter', '.');
    expect(m.message.msgid).toBe('ZfAB4c1x0pR2mLq7@ol-t14');
  },
  'comment.prev': () => {
    const p = pressAll(openPatchN(s0, 2), 'G', ',');
    expect(text(p)).toMatch(/Mira Castellano|Oskar Lindqvist/);
    expect(p.patch.cursor).toBeLessThan(rowsOf(p).length - 1);
  },
  'version.next': () => {
    const v1 = pressAll(s0, 'V');
    expect(pressAll(v1, 'v').series).toBe(1);
    expect(pressAll(s0, 'v').status?.text).toBe('this is the newest version');
  },
  'version.prev': () => {
    const v1 = pressAll(s0, 'V');
    expect(v1.data.model.series[v1.series].version).toBe(1);
    expect(v1.status?.text).toContain('v1');
    // From a patch, the same patch of the other version stays open.
    const p = pressAll(openPatchN(s0, 1), 'V');
    expect(p.screen).toBe('patch');
    expect(p.data.model.series[p.series].patches[p.patch.pos].msgid).toBe('20240304081530.23817-2-mira.castellano@example.com');
  },
  'series.next': () => {
    expect(pressAll(s0, '}').status?.text).toBe('only one series in this mail');
  },
  'series.prev': () => {
    expect(pressAll(s0, '{').status?.text).toBe('only one series in this mail');
  },
  thread: () => {
    const t = pressAll(openPatchN(s0, 1), 't');
    expect(t.screen).toBe('thread');
    expect(focusRow(t)?.msgid).toBe(V2_1);
    expect(pressAll(t, 'escape').screen).toBe('patch');
  },
  discussion: () => {
    // The demo's v2: four sub-threads; the one on 2/5 waits for Oskar Lindqvist, who was answered.
    const d = pressAll(s0, 'd');
    expect(d.screen).toBe('discussion');
    const subs = rowsOf(d).filter((r) => r.target === 'comment');
    expect(subs.map((r) => r.msgid)).toEqual(d.data.model.series[d.series].discussion.subThreads.map((st) => st.id));
    expect(text(d)).toMatch(/^ {2}1 \[settled\] Jonas Feld · cover · 1 msg · 2024-03-14$/);
    const third = pressAll(d, '.', '.');
    expect(text(third)).toMatch(/^  3 \[waits: reviewer\] Oskar Lindqvist · patch 2\/5 · 2 msgs · 2024-03-12 · answer due from Oskar/);
    expect(pressAll(third, '.', '.').status?.text).toBe('last sub-thread');
    // Enter opens the thread view at the sub-thread's first message; Esc comes back.
    const t = pressAll(third, 'enter');
    expect(t.screen).toBe('thread');
    expect(focusRow(t)?.msgid).toBe('ZfAHs2yVb9eQk3Tn@ol-t14');
    expect(pressAll(t, 'escape').screen).toBe('discussion');
    expect(pressAll(d, 'escape').screen).toBe('overview');
  },
  'filter.findings': () => {
    const f = pressAll(s0, 'f');
    const patches = rowsOf(f).filter((r) => r.patch !== undefined && r.patch >= 0);
    expect(patches).toHaveLength(1);
    expect(rowText(patches[0])).toContain('1/5');
    expect(text(f)).toContain('1/5');
    expect(pressAll(f, 'f').overview.onlyFindings).toBe(false);
  },
  search: () => {
    const o = pressAll(s0, '/', 'd', 'a', 'm', 'o', 'n', 'enter');
    expect(o.overlay).toBeNull();
    expect(o.overview.query).toBe('damon');
    const patches = rowsOf(o).filter((r) => r.patch !== undefined && r.patch >= 0).map(rowText);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toContain('mm/damon/paddr');
    // Elsewhere, / finds the next row with the text.
    const p = pressAll(openPatchN(s0, 1), '/', ...'n_fenced,', 'enter');
    expect(text(p)).toContain('N_FENCED,');
    // Backspace edits, Esc cancels.
    const e = pressAll(s0, '/', 'x', 'y', 'backspace');
    expect(e.overlay).toEqual({ kind: 'search', text: 'x' });
    expect(pressAll(e, 'escape').overlay).toBeNull();
    expect(pressAll(e, 'ctrl+c')).toMatchObject({ overlay: null, exit: false });
  },
  mark: () => {
    const m = pressAll(s0, 'j', 'm');
    expect(m.reviewed).toEqual([V2_1]);
    expect(isDirty(m)).toBe(true);
    expect(pressAll(m, 'm').reviewed).toEqual([]);
    expect(pressAll(s0, 'm').status?.text).toBe('nothing to mark here: focus a patch');
  },
  reply: () => {
    const p = pressAll(openPatchN(s0, 1), ']', 'k', 'r');
    expect(p.effects).toHaveLength(1);
    const e = p.effects[0];
    if (e.kind !== 'reply') throw new Error('expected a reply effect');
    expect(e.draft.inReplyTo).toBe(V2_1);
    expect(e.draft.subject).toBe('Re: [RFC PATCH v2 1/5] mm: add N_FENCED node state and __GFP_FENCED');
    expect(e.draft.to.map((a) => a.email)).toEqual(['mira.castellano@example.com']);
    expect(e.draft.cc.map((a) => a.email)).toContain('linux-mm@kvack.org');
    expect(e.draft.references).toEqual([V2_COVER, V2_1]);
    const body = e.draft.body.split('\n');
    expect(body[0]).toMatch(/^On .*2024.*, Mira Castellano wrote:$/);
    expect(body).toContain('> @@ -52,7 +52,12 @@ struct page {');
    // The quote ends with the focused line, and the answer goes below it.
    const last = body.map((l) => l.startsWith('>')).lastIndexOf(true);
    expect(body[last]).toBe('> +\t\t\t\tunsigned long fence_id;');
    expect(body.slice(last + 1).every((l) => l === '')).toBe(true);
    expect(p.status?.text).toBe('writing the reply draft…');
  },
  state: () => {
    expect(pressAll(s0, 's').status).toEqual({ text: 'no review state store in this session', tone: 'error' });
    const t: State = { ...s0, track: { where: '/state/state.sqlite', tree: null, mine: {}, parts: {} } };
    const o = pressAll(t, 's');
    expect(o.overlay).toEqual({ kind: 'chooseState' });
    expect(pressAll(o, 'x').overlay).toEqual({ kind: 'chooseState' });
    expect(pressAll(o, 'escape')).toMatchObject({ overlay: null, effects: [] });
    const chosen = pressAll(o, '3');
    expect(chosen.overlay).toBeNull();
    expect(chosen.effects).toEqual([{ id: 1, kind: 'setState', seriesId: V2_COVER, state: 'replied' }]);
    const saved = reduce(chosen, { type: 'stateSet', seriesId: V2_COVER, state: 'replied' });
    expect(saved.track?.mine).toEqual({ [V2_COVER]: 'replied' });
    expect(saved.status?.text).toBe('my state: replied (in /state/state.sqlite)');
    expect(reduce(chosen, { type: 'stateSet', seriesId: V2_COVER, state: 'replied', error: 'connection lost' }).status).toEqual({ text: 'could not save the state: connection lost', tone: 'error' });
    // d: "my part is done" is the part I marked (the demo has no MAINTAINERS tags: all of it), and d again undoes it.
    const done = pressAll(t, 'j', 'm', 's', 'd');
    expect(done.effects).toEqual([{ id: 1, kind: 'setParts', seriesId: V2_COVER, parts: ['*'] }]);
    const set = reduce(done, { type: 'partsSet', seriesId: V2_COVER, parts: ['*'] });
    expect(set.status?.text).toBe('my part is done: all of it');
    expect(pressAll(set, 's', 'd').effects.at(-1)).toMatchObject({ kind: 'setParts', parts: [] });
  },
  apply: () => {
    expect(pressAll(s0, 'a').status).toEqual({ text: 'no tree to apply to: start lorescope with --tree DIR or set git config lorescope.tree', tone: 'error' });
    const t: State = { ...s0, track: { where: '/s', tree: '/src/linux', mine: {}, parts: {} } };
    const ask = pressAll(t, 'a');
    expect(ask.overlay).toEqual({ kind: 'confirmApply' });
    expect(pressAll(ask, 'n')).toMatchObject({ overlay: null, effects: [], applying: false });
    const go = pressAll(ask, 'y');
    expect(go).toMatchObject({ overlay: null, applying: true, effects: [{ id: 1, kind: 'apply', seriesId: V2_COVER }] });
    expect(go.status?.text).toBe('applying v2 to /src/linux …');
    expect(pressAll(go, 'a').status?.text).toBe('a series is being applied already');
    const failed = reduce(go, { type: 'applied', ok: false, text: 'patch 3/5 failed on lorescope/x: drivers/cxl/core/region.c:36 patch does not apply' });
    expect(failed).toMatchObject({ applying: false, status: { tone: 'error' } });
    expect(reduce(go, { type: 'applied', ok: true, text: 'applied 5/5' }).status).toEqual({ text: 'applied 5/5', tone: 'info' });
  },
  help: () => {
    const h = pressAll(s0, '?');
    expect(h.overlay).toEqual({ kind: 'help', top: 0 });
    expect(pressAll(h, 'j').overlay).toEqual({ kind: 'help', top: 1 });
    expect(pressAll(h, 'x').overlay).toBeNull();
  },
  quit: () => {
    expect(pressAll(s0, 'q').exit).toBe(true);
    expect(pressAll(s0, 'ctrl+c').exit).toBe(true);
    const dirty = pressAll(s0, 'j', 'm', 'q');
    expect(dirty.exit).toBe(false);
    expect(dirty.overlay).toEqual({ kind: 'confirmQuit' });
    expect(pressAll(dirty, 'escape').overlay).toBeNull();
    expect(pressAll(dirty, 'n')).toMatchObject({ exit: true, effects: [] });
    const y = pressAll(dirty, 'y');
    expect(y.exit).toBe(false);
    expect(y.effects).toEqual([{ id: 1, kind: 'saveReviewed', series: [{ id: V2_COVER, reviewed: [V2_1] }], snapshot: [V2_1], thenExit: true }]);
    const done = reduce(reduce(y, { type: 'effectsTaken', upTo: 1 }), { type: 'saved', snapshot: [V2_1], thenExit: true });
    expect(done).toMatchObject({ exit: true, effects: [], saved: [V2_1] });
    expect(isDirty(done)).toBe(false);
    const failed = reduce(y, { type: 'saved', snapshot: [V2_1], thenExit: true, error: 'EACCES' });
    expect(failed.exit).toBe(false);
    expect(failed.status?.tone).toBe('error');
  },
};

describe('tui reducer: every command of the keymap', () => {
  for (const b of KEYMAP) {
    it(`${b.command} (${b.keys.join(', ')})`, () => {
      // Each key of the binding reaches the command.
      for (const k of b.keys) expect(commandFor(k)).toBe(b.command);
      cases[b.command]();
    });
  }
});

describe('tui reducer: other actions', () => {
  it('ignores keys that are not in the keymap (same state object)', () => {
    expect(reduce(s0, { type: 'key', name: 'Z' })).toBe(s0);
  });

  it('keeps the cursor in view after a resize', () => {
    const p = pressAll(openPatchN(s0, 1), 'G');
    const r = reduce(p, { type: 'resize', width: 60, height: 12 });
    expect(r.patch.cursor).toBe(rowsOf(r).length - 1);
    expect(r.patch.top).toBe(rowsOf(r).length - bodyHeight('patch', 12));
  });

  it('reports a draft that was written, and an editor that failed', () => {
    expect(reduce(s0, { type: 'drafted', path: '/s/d.eml' }).status).toEqual({ text: 'draft saved: /s/d.eml', tone: 'info' });
    expect(reduce(s0, { type: 'drafted', path: '/s/d.eml', error: 'editor exited with status 1' }).status?.tone).toBe('error');
  });

  it('opens a missing patch as a message, not a crash', async () => {
    // v1 of the demo has no missing patches; make one by dropping 2/2.
    const m = await loadModel([DEMO]);
    const v1 = m.review.series[0];
    v1.patches = v1.patches.slice(0, 1);
    v1.missing = [2];
    const s = stateFor(m);
    const o = pressAll({ ...s, series: 0 }, 'G');
    expect(text(o)).toContain('2/2   (missing: this patch did not arrive)');
    expect(pressAll(o, 'enter').status?.text).toBe('patch 2 did not arrive: nothing to open');
  });
});

describe('tui reducer on a real b4 thread (trailers-thread-with-followups)', () => {
  it('walks to the reviewed patch and the follow-up that reviewed it', async () => {
    const m = await loadModel([FOLLOWUPS]);
    const s = stateFor(m);
    const o = pressAll(s, 'G');
    expect(text(o)).toMatch(/4\/4 .*Minor typo changes imitation.* R-b:1 ✉1/);
    const c = pressAll(o, 'enter', '.');
    expect(text(c)).toContain('Follow Upper');
    const msg = pressAll(c, 'enter');
    expect(msg.screen).toBe('message');
    expect(rowsOf(msg).map(rowText)).toContain('Reviewed-by: Follow Upper <follow.upper@example.org>');
  });

  it('switches between unrelated series in one mail', async () => {
    const m = await loadModel([DEMO, FOLLOWUPS]);
    const s = stateFor(m);
    const n = pressAll(s, '}');
    expect(n.data.model.series[n.series].title).toBe('This is a cover for test series 1');
    expect(n.status?.text).toBe('series 2 of 2');
    expect(pressAll(n, '}').status?.text).toBe('last series');
  });
});

describe('tui reducer invariants under random keys', () => {
  // A small deterministic generator, so a failure replays.
  function rng(seed: number) {
    let x = seed >>> 0;
    return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  }
  const keys = [...KEYMAP.flatMap((b) => b.keys).filter((k) => k !== 'q' && k !== 'ctrl+c'), 'x', 'backspace'];

  it('keeps cursor and scroll inside the rows, on the demo and on a mail without series', async () => {
    const empty = await loadModel([FOLLOWUPS]);
    empty.review.series = [];
    for (const [m, seed] of [...[1, 2, 3, 5, 6, 7, 8, 9].map((n) => [demo, n] as const), [empty, 4] as const]) {
      const next = rng(seed);
      let s = stateFor(m, { width: 90, height: 24 });
      const seq: string[] = [];
      for (let i = 0; i < 400; i++) {
        const k = keys[Math.floor(next() * keys.length)];
        seq.push(k);
        s = reduce(s, { type: 'key', name: k, text: k.length === 1 ? k : undefined });
        if (next() < 0.02) {
          const w = 40 + Math.floor(next() * 100);
          const hh = 10 + Math.floor(next() * 40);
          seq.push(`resize ${w}x${hh}`);
          s = reduce(s, { type: 'resize', width: w, height: hh });
        }
        const n = rowsOf(s).length;
        const sc = s[s.screen];
        const h = viewHeight(s);
        const where = `seed ${seed} after ${seq.join(' ')} on ${s.screen}`;
        expect(sc.cursor, where).toBeGreaterThanOrEqual(0);
        expect(sc.top, where).toBeGreaterThanOrEqual(0);
        if (n > 0 && s.screen !== 'message') {
          expect(sc.cursor, where).toBeLessThan(n);
          expect(sc.cursor, where).toBeGreaterThanOrEqual(sc.top);
          expect(sc.cursor, where).toBeLessThan(sc.top + h);
        }
        expect(s.exit).toBe(false);
      }
    }
  });
});

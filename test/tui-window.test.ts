// Paging an archive in the reducer (views/tui/window-keys.ts), on the demo's series standing in for
// windows: `}` past the last series queues the window's marks and the next window, a key meanwhile
// waits, the window's answer replaces the data and numbers on, an old window's analysis is dropped.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/views/tui/data.js';
import { initState, type State } from '../src/views/tui/state.js';
import { reduce } from '../src/views/tui/reduce.js';
import { DEMO, loadModel, pressAll, type Loaded } from './tui-render.js';

let demo: Loaded;
beforeAll(async () => {
  demo = await loadModel([DEMO]);
});

const paged = (): State => initState(buildData(demo.review, demo.messages), { width: 100, height: 30, page: { count: 3, total: 40 } });

/** `}` until the state stops moving through series of this window. */
function toLastSeries(s: State): State {
  let out = s;
  for (let i = 0; i < 20 && out.data.workOf[out.series] < out.data.works.length - 1; i++) out = pressAll(out, '}');
  return out;
}

describe('paging the windows of an archive', () => {
  it('} past the last series saves the marks and asks for the next window; keys meanwhile wait', () => {
    let s = toLastSeries(paged());
    s = pressAll(s, 'n', 'm');
    expect(s.reviewed).toHaveLength(1);
    s = pressAll(s, '}');
    expect(s.page).toMatchObject({ index: 0, loading: true });
    const e = s.effects.find((x) => x.kind === 'loadWindow');
    expect(e).toMatchObject({ kind: 'loadWindow', index: 1, dir: 1, snapshot: s.reviewed });
    expect(e?.kind === 'loadWindow' && e.save.map((x) => x.reviewed)).toEqual([s.reviewed]);
    const again = pressAll(s, '}');
    expect(again.status?.text).toBe('loading…');
    expect(again.effects.filter((x) => x.kind === 'loadWindow')).toHaveLength(1);
    // { at the first window's first series: no window before it.
    const first = pressAll(paged(), '{');
    expect(first.effects).toEqual([]);
  });

  it('the next window replaces the data, numbers on, keeps the marks; an old window\'s analysis is dropped', () => {
    let s = pressAll(toLastSeries(paged()), 'n', 'm', '}');
    const marked = s.reviewed;
    const works = s.data.works.length;
    const data = buildData(demo.review, demo.messages);
    s = reduce(s, { type: 'window', index: 1, dir: 1, data, reviewed: [], warnings: [], track: null, analysing: true });
    expect(s.page).toMatchObject({ index: 1, loading: false, offsets: [0, works] });
    expect(s.status?.text).toBe(`series ${works + 1} of ~40`);
    expect(s.reviewed).toEqual(marked);
    expect(s.screen).toBe('overview');
    // Window 0's analysis, late: not merged into window 1.
    const late = reduce(s, { type: 'analysed', data, warnings: ['from window 0'] });
    expect(late).toBe(s);
    const own = reduce(s, { type: 'analysed', data, warnings: [], window: 1 });
    expect(own.analysing).toBe(false);
    // { before window 1's first series: back to window 0, at its last series.
    s = pressAll(s, '{');
    expect(s.effects.some((x) => x.kind === 'loadWindow' && x.index === 0 && x.dir === -1)).toBe(true);
    s = reduce(s, { type: 'window', index: 0, dir: -1, data, reviewed: [], warnings: [], track: null, analysing: false });
    expect(s.data.workOf[s.series]).toBe(works - 1);
    expect(s.status?.text).toBe(`series ${works} of ~40`);
  });

  it('a window that cannot be read says so and stays on the window shown', () => {
    let s = pressAll(toLastSeries(paged()), '}');
    s = reduce(s, { type: 'windowFailed', index: 1, error: 'disk on fire' });
    expect(s.page).toMatchObject({ index: 0, loading: false });
    expect(s.status).toEqual({ text: 'could not read that part of the archive: disk on fire', tone: 'error' });
  });

  it('without paging } at the last series says so, as before', () => {
    const s = initState(buildData(demo.review, demo.messages), { width: 100, height: 30 });
    const last = toLastSeries(s);
    const out = pressAll(last, '}');
    expect(out.effects).toEqual([]);
    expect(out.status?.text).toMatch(/^(last series|only one series in this mail)$/);
  });
});

// Paging an archive, as pure state changes: the UI holds one window of its series (src/cli/tui-pager.ts
// reads them); `}` past the window's last series (or `{` before its first) saves the window's marks and
// loads the next (previous) window through a queued effect, whose answer comes back as an action.
// The marks of every window seen stay in `reviewed`: a patch's mark follows it to wherever it is shown.
import type { Effect, State } from './state.js';
import { changedSeries, isDirty } from './state.js';
import type { TuiData } from './data.js';
import type { TrackView } from './track-services.js';

export interface PageInfo {
  /** The window shown, of `count`. */
  index: number;
  count: number;
  /** About how many series the whole input holds. */
  total: number;
  /** Series (works) before each window seen: numbering goes on across windows. */
  offsets: number[];
  /** A window is being read. */
  loading: boolean;
}

export type WindowAction =
  | { type: 'window'; index: number; dir: 1 | -1; data: TuiData; reviewed: string[]; warnings: string[]; track: TrackView | null; analysing: boolean }
  | { type: 'windowFailed'; index: number; error: string };

const info = (s: State, text: string, tone: 'info' | 'error' = 'info'): State => ({ ...s, status: { text, tone } });

/** "series 12 of ~1727" in a paged archive, "series 2 of 5" otherwise; `work` counts from 0 in the window. */
export function seriesLabel(s: State, work: number): string {
  if (!s.page) return `series ${work + 1} of ${s.data.works.length}`;
  const n = (s.page.offsets[s.page.index] ?? 0) + work + 1;
  return `series ${n} of ~${Math.max(s.page.total, n)}`;
}

/** The window after (before) the one shown, or null when there is none (not paged, at the input's end). */
export function pageTo(s: State, dir: 1 | -1): State | null {
  const p = s.page;
  if (!p) return null;
  const index = p.index + dir;
  if (index < 0 || index >= p.count) return null;
  if (p.loading) return info(s, 'loading…');
  const save = isDirty(s) ? changedSeries(s) : [];
  const e: Effect = { id: s.nextEffect, kind: 'loadWindow', index, dir, save, snapshot: s.reviewed };
  return {
    ...s,
    overlay: null,
    effects: [...s.effects, e],
    nextEffect: s.nextEffect + 1,
    page: { ...p, loading: true },
    status: { text: `loading… (part ${index + 1} of ${p.count} of the archive)`, tone: 'info' },
  };
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

/** The first (going forward) or last (going back) work's newest version. */
function entrySeries(data: TuiData, dir: 1 | -1): number {
  const w = data.works[dir > 0 ? 0 : data.works.length - 1];
  return w && w.length ? w[w.length - 1] : 0;
}

/** The new window replaces the old one; `show` opens a series as `}` does (versions.ts). */
export function windowResult(s: State, a: WindowAction, show: (s: State, series: number) => State): State {
  if (!s.page) return s;
  if (a.type === 'windowFailed') return info({ ...s, analysing: false, page: { ...s.page, loading: false } }, `could not read that part of the archive: ${a.error}`, 'error');
  const offsets = [...s.page.offsets];
  if (a.index === s.page.index + 1) offsets[a.index] = (offsets[s.page.index] ?? 0) + s.data.works.length;
  // Going back past an unseen window (not possible by keys): count from where we are.
  if (offsets[a.index] === undefined) offsets[a.index] = Math.max(0, (offsets[s.page.index] ?? 0) - a.data.works.length);
  // My states set in this session win over what the store said when the window was read.
  const track = a.track ? { ...a.track, mine: { ...a.track.mine, ...s.track?.mine }, parts: { ...a.track.parts, ...s.track?.parts } } : s.track;
  const series = entrySeries(a.data, a.dir);
  const t: State = {
    ...s,
    data: a.data,
    series,
    back: [],
    overlay: null,
    reviewed: union(s.reviewed, a.reviewed),
    saved: union(s.saved, a.reviewed),
    track,
    analysing: a.analysing,
    page: { ...s.page, index: a.index, offsets, loading: false },
  };
  const out = show(t, series);
  const warned = a.warnings.length ? ` · ${a.warnings.join('; ')}` : '';
  const label = a.data.works.length ? seriesLabel(out, out.data.workOf[series]) : 'no series in this part of the archive';
  return info(out, label + warned, warned ? 'error' : 'info');
}

// The only way the state changes. Keys are dispatched by priority: an open overlay (search prompt,
// quit confirmation, help) takes them first, then the keymap's commands act on the current screen.
import type { Effect, State } from './state.js';
import { changedSeries, isDirty } from './state.js';
import { commandFor } from './keymap.js';
import { runCommand, runSearch } from './commands.js';
import { carryFocus, refit } from './nav.js';
import type { TuiData } from './data.js';
import { helpRows } from './help-rows.js';
import { bodyHeight, statusLines } from './layout.js';
import { chooseStateKey, confirmApplyKey, trackResult, type TrackAction } from './track-keys.js';
import { windowResult, type WindowAction } from './window-keys.js';
import { openSeries } from './versions.js';

export type Action =
  | { type: 'key'; name: string; text?: string }
  | { type: 'resize'; width: number; height: number }
  /** The app took the queued effects up to this id and runs them. */
  | { type: 'effectsTaken'; upTo: number }
  | { type: 'saved'; snapshot: string[]; thenExit: boolean; error?: string }
  | { type: 'drafted'; path: string | null; error?: string }
  | TrackAction
  | WindowAction
  /** The background analysis is done: the same series with findings, sections and message texts (of window `window`, default the first). */
  | { type: 'analysed'; data?: TuiData; warnings?: string[]; error?: string; window?: number };

const MAX_QUERY = 200;

function searchKey(s: State, text: string, name: string, typed: string | undefined): State {
  if (name === 'escape' || name === 'ctrl+c') return { ...s, overlay: null };
  if (name === 'enter') return runSearch({ ...s, overlay: null }, text);
  if (name === 'backspace') return { ...s, overlay: { kind: 'search', text: [...text].slice(0, -1).join('') } };
  // Typed or pasted text; control characters never get into the query.
  const add = (typed ?? '').replace(/[\x00-\x1f\x7f-\x9f]/g, '');
  if (!add) return s;
  return { ...s, overlay: { kind: 'search', text: (text + add).slice(0, MAX_QUERY) } };
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type NewEffect = WithoutId<Effect>;

function queue(s: State, e: NewEffect): State {
  return { ...s, effects: [...s.effects, { ...e, id: s.nextEffect } as Effect], nextEffect: s.nextEffect + 1 };
}

function confirmKey(s: State, name: string): State {
  if (name === 'y' || name === 'enter') {
    if (!isDirty(s)) return { ...s, overlay: null, exit: true };
    const t = queue({ ...s, overlay: null, status: { text: 'saving reviewed marks…', tone: 'info' } }, { kind: 'saveReviewed', series: changedSeries(s), snapshot: s.reviewed, thenExit: true });
    return t;
  }
  if (name === 'n') return { ...s, overlay: null, exit: true };
  if (name === 'escape' || name === 'c') return { ...s, overlay: null };
  return s;
}

function helpKey(s: State, top: number, name: string): State {
  const h = bodyHeight('patch', s.height);
  const max = Math.max(0, helpRows(s.width).length - h);
  const to = (t: number) => ({ ...s, overlay: { kind: 'help' as const, top: Math.max(0, Math.min(t, max)) } });
  const c = commandFor(name);
  if (c === 'cursor.down') return to(top + 1);
  if (c === 'cursor.up') return to(top - 1);
  if (c === 'page.down') return to(top + h);
  if (c === 'page.up') return to(top - h);
  // Any other key closes the help, as in less.
  return { ...s, overlay: null };
}

export function reduce(s: State, a: Action): State {
  const out = step(s, a);
  // A long status message takes lines from the body: keep the cursor in what is left.
  return out !== s && statusLines(out) !== statusLines(s) ? refit(out) : out;
}

function step(s: State, a: Action): State {
  switch (a.type) {
    case 'key': {
      const o = s.overlay;
      const cleared = o?.kind === 'search' ? s : { ...s, status: null };
      if (o?.kind === 'search') return searchKey(s, o.text, a.name, a.text);
      if (o?.kind === 'confirmQuit') return confirmKey(cleared, a.name);
      if (o?.kind === 'help') return helpKey(cleared, o.top, a.name);
      if (o?.kind === 'chooseState') return chooseStateKey(cleared, a.name);
      if (o?.kind === 'confirmApply') return confirmApplyKey(cleared, a.name);
      const c = commandFor(a.name);
      return c ? runCommand(cleared, c) : s;
    }
    case 'resize':
      return refit(carryFocus(s, { ...s, width: Math.max(1, a.width), height: Math.max(1, a.height) }));
    case 'effectsTaken':
      return { ...s, effects: s.effects.filter((e) => e.id > a.upTo) };
    case 'saved':
      if (a.error) return { ...s, status: { text: `could not save reviewed marks: ${a.error}`, tone: 'error' } };
      return { ...s, saved: a.snapshot, exit: a.thenExit || s.exit, status: { text: 'reviewed marks saved', tone: 'info' } };
    case 'analysed': {
      // The analysis of a window no longer shown (the user paged on) has nothing to merge into.
      if (s.page && (a.window ?? 0) !== s.page.index) return s;
      // Leaving a window stops its analysis: that is no failure to report.
      if (s.page?.loading && a.error) return s;
      if (a.error || !a.data) return { ...s, analysing: false, status: { text: `analysis failed: ${a.error ?? 'no result'}`, tone: 'error' } };
      // Rows change (tags, finding badges): keep each screen's cursor on the same patch or line.
      // Warnings of the analysis (no MAINTAINERS in the tree…) never hide what the user's last key said.
      const warned = a.warnings?.join('; ');
      const status = !warned ? s.status : s.status ? { ...s.status, text: `${s.status.text} · ${warned}` } : { text: warned, tone: 'error' as const };
      return refit(carryFocus(s, { ...s, data: a.data, analysing: false, status }));
    }
    case 'drafted':
      if (!a.path) return { ...s, status: { text: `could not write the draft: ${a.error ?? 'unknown error'}`, tone: 'error' } };
      return { ...s, status: { text: `draft saved: ${a.path}${a.error ? ` (${a.error})` : ''}`, tone: a.error ? 'error' : 'info' } };
    case 'window':
    case 'windowFailed':
      return windowResult(s, a, openSeries);
    default:
      return trackResult(s, a);
  }
}

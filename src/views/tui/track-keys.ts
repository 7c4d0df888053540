// Review state and apply in the UI, as pure state changes: `s` opens the state chooser (1–6 pick a
// state, d toggles "my part is done"), `a` asks before applying the series to the tree. The store
// and git are reached only through queued effects; their answers come back as actions.
import type { Effect, State } from './state.js';
import type { TrackView } from './track-services.js';
import { REVIEW_STATES, type ReviewState } from '../../state/types.js';
import { currentSeries } from './nav.js';

export type TrackAction =
  /** The store's view, read once the UI is up. */
  | { type: 'track'; view: TrackView }
  | { type: 'stateSet'; seriesId: string; state: ReviewState; error?: string }
  | { type: 'partsSet'; seriesId: string; parts: string[]; error?: string }
  | { type: 'applied'; ok: boolean; text: string };

type NewEffect = Effect extends infer E ? (E extends unknown ? Omit<E, 'id'> : never) : never;

const info = (s: State, text: string, tone: 'info' | 'error' = 'info'): State => ({ ...s, status: { text, tone } });

function queue(s: State, e: NewEffect, status: string): State {
  return { ...s, effects: [...s.effects, { ...e, id: s.nextEffect } as Effect], nextEffect: s.nextEffect + 1, status: { text: status, tone: 'info' } };
}

const NO_STORE = 'no review state store in this session';

/** The state choices as the prompt shows them: `1 new · 2 reviewing · …`. */
export function stateChoices(): string {
  return REVIEW_STATES.map((st, i) => `${i + 1} ${st}`).join(' · ');
}

export function myState(s: State, seriesId: string): ReviewState {
  return s.track?.mine[seriesId] ?? 'new';
}

export function openStateChooser(s: State): State {
  if (!s.track) return info(s, NO_STORE, 'error');
  if (!currentSeries(s)) return info(s, 'no series here');
  return { ...s, overlay: { kind: 'chooseState' } };
}

/** "My part": the subsystems of the patches I marked reviewed, or all of it when none carry tags. */
function myParts(s: State): string[] {
  const series = currentSeries(s)!;
  const tags = new Set<string>();
  for (const p of series.patches) if (s.reviewed.includes(p.msgid)) for (const t of p.tags) tags.add(t);
  return tags.size ? [...tags].sort() : ['*'];
}

export function chooseStateKey(s: State, name: string): State {
  const series = currentSeries(s);
  if (name === 'escape' || name === 'ctrl+c' || !series || !s.track) return { ...s, overlay: null };
  const n = /^[1-9]$/.test(name) ? Number(name) : 0;
  if (n >= 1 && n <= REVIEW_STATES.length) {
    const state = REVIEW_STATES[n - 1];
    return queue({ ...s, overlay: null }, { kind: 'setState', seriesId: series.id, state }, `saving: ${state}…`);
  }
  if (name === 'd') {
    const done = s.track.parts[series.id] ?? [];
    const parts = done.length ? [] : myParts(s);
    return queue({ ...s, overlay: null }, { kind: 'setParts', seriesId: series.id, parts }, parts.length ? 'saving: my part is done…' : 'saving: my part is not done…');
  }
  return s;
}

export function askApply(s: State): State {
  const series = currentSeries(s);
  if (!series) return info(s, 'no series here to apply');
  if (!s.track?.tree) return info(s, 'no tree to apply to: start lorescope with --tree DIR or set git config lorescope.tree', 'error');
  if (s.applying) return info(s, 'a series is being applied already');
  return { ...s, overlay: { kind: 'confirmApply' } };
}

export function confirmApplyKey(s: State, name: string): State {
  const series = currentSeries(s);
  if (!series || name === 'n' || name === 'escape' || name === 'ctrl+c') return { ...s, overlay: null };
  if (name !== 'y' && name !== 'enter') return s;
  return queue({ ...s, overlay: null, applying: true }, { kind: 'apply', seriesId: series.id }, `applying v${series.version} to ${s.track?.tree} …`);
}

export function trackResult(s: State, a: TrackAction): State {
  switch (a.type) {
    case 'track':
      return a.view.warning ? { ...s, track: a.view, status: { text: a.view.warning, tone: 'error' } } : { ...s, track: a.view };
    case 'stateSet':
      if (a.error || !s.track) return info(s, `could not save the state: ${a.error ?? NO_STORE}`, 'error');
      return info({ ...s, track: { ...s.track, mine: { ...s.track.mine, [a.seriesId]: a.state } } }, `my state: ${a.state} (in ${s.track.where})`);
    case 'partsSet':
      if (a.error || !s.track) return info(s, `could not save "my part is done": ${a.error ?? NO_STORE}`, 'error');
      return info({ ...s, track: { ...s.track, parts: { ...s.track.parts, [a.seriesId]: a.parts } } },
        a.parts.length ? `my part is done: ${a.parts.map((p) => (p === '*' ? 'all of it' : p)).join(', ')}` : 'my part is not done');
    case 'applied':
      return { ...s, applying: false, status: { text: a.text, tone: a.ok ? 'info' : 'error' } };
  }
}

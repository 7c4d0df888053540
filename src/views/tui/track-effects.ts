// Running the review-state and apply effects queued by track-keys.ts; each answers with an action.
import type { Effect } from './state.js';
import type { Effects } from './effects.js';
import type { TrackAction } from './track-keys.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export type TrackEffect = Extract<Effect, { kind: 'setState' | 'setParts' | 'apply' }>;

export function isTrackEffect(e: Effect): e is TrackEffect {
  return e.kind === 'setState' || e.kind === 'setParts' || e.kind === 'apply';
}

export function runTrackEffect(e: TrackEffect, fx: Effects, dispatch: (a: TrackAction) => void): void {
  switch (e.kind) {
    case 'setState':
      fx.setState(e.seriesId, e.state).then(
        () => dispatch({ type: 'stateSet', seriesId: e.seriesId, state: e.state }),
        (err) => dispatch({ type: 'stateSet', seriesId: e.seriesId, state: e.state, error: message(err) }),
      );
      return;
    case 'setParts':
      fx.setParts(e.seriesId, e.parts).then(
        () => dispatch({ type: 'partsSet', seriesId: e.seriesId, parts: e.parts }),
        (err) => dispatch({ type: 'partsSet', seriesId: e.seriesId, parts: e.parts, error: message(err) }),
      );
      return;
    case 'apply':
      fx.apply(e.seriesId).then(
        (r) => dispatch({ type: 'applied', ok: r.ok, text: r.text }),
        (err) => dispatch({ type: 'applied', ok: false, text: `apply failed: ${message(err)}` }),
      );
      return;
  }
}

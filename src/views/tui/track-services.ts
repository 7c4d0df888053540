// The review-state store and the apply action as the UI's effects layer sees them. The CLI opens them
// before the UI starts (the store may be a PostgreSQL server: opening it is asynchronous) and hands
// them over here; launch.ts then builds the effects as usual and nodeEffects() finds them. Without a
// session the effects keep marks in the state directory's JSON files, as before the store existed.
import type { ReviewState } from '../../state/types.js';

export interface TrackView {
  /** Where the review state is kept, for messages. */
  where: string;
  /** The tree `a` applies to, or null when none was given. */
  tree: string | null;
  /** My state per series id (series without one are `new`). */
  mine: Record<string, ReviewState>;
  /** The parts I said are done, per series id. */
  parts: Record<string, string[]>;
  /** A problem met while opening the state, shown once. */
  warning?: string;
}

export interface ApplyOutcome {
  ok: boolean;
  text: string;
}

export interface TrackSession {
  view: TrackView;
  /** My reviewed marks per series, as stored. */
  marks: Map<string, string[]>;
  changeMarks(seriesId: string, add: string[], remove: string[]): Promise<void>;
  setState(seriesId: string, state: ReviewState): Promise<void>;
  setParts(seriesId: string, parts: string[]): Promise<void>;
  apply(seriesId: string): Promise<ApplyOutcome>;
  close(): Promise<void>;
}

let session: TrackSession | null = null;

export function provideTrackSession(s: TrackSession | null): void {
  session = s;
}

export function trackSession(): TrackSession | null {
  return session;
}

// Loading a window of a paged archive (window-keys.ts queues it): the window's marks are saved first,
// then the CLI's reader (src/cli/tui-pager.ts, handed over as a WindowSource) gives the window's review
// and its background analysis; the answers come back as actions.
import type { ReviewModel } from '../../model/review.js';
import type { MessageText } from '../../review/messages.js';
import type { Effect } from './state.js';
import type { Effects } from './effects.js';
import type { Action } from './reduce.js';
import type { TrackView } from './track-services.js';
import { buildData, type AnalysedData, type TuiData } from './data.js';

/** What the CLI gives for a window: its series for the first frame, their texts, the analysis to come. */
export interface WindowContent {
  review: ReviewModel;
  messages: Record<string, MessageText>;
  analysed?: Promise<{ review: ReviewModel; warnings: string[] }>;
  /** The review state with the window's series (my states), or null without a store. */
  track: TrackView | null;
}

export type WindowSource = (index: number) => Promise<WindowContent>;

/** A window as the UI takes it. */
export interface LoadedWindow {
  data: TuiData;
  reviewed: string[];
  warnings: string[];
  track: TrackView | null;
  analysed?: Promise<AnalysedData>;
}

/** The effects layer's side: build the UI's data and read the window's stored marks. */
export async function loadedWindow(windows: WindowSource, index: number, loadReviewed: Effects['loadReviewed']): Promise<LoadedWindow> {
  const c = await windows(index);
  const { reviewed, warnings } = loadReviewed(c.review.series.map((s) => s.id));
  const analysed = c.analysed?.then((u): AnalysedData => ({ data: buildData(u.review, c.messages), warnings: u.warnings }));
  analysed?.catch(() => {}); // reported when it is dispatched; never unhandled if the window is left first
  return { data: buildData(c.review, c.messages), reviewed, warnings, track: c.track, analysed };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export function runWindowEffect(e: Extract<Effect, { kind: 'loadWindow' }>, fx: Effects, dispatch: (a: Action) => void): void {
  (async () => {
    if (e.save.length) {
      try {
        for (const x of e.save) await fx.saveReviewed(x.id, x.reviewed);
        dispatch({ type: 'saved', snapshot: e.snapshot, thenExit: false });
      } catch (err) {
        dispatch({ type: 'saved', snapshot: e.snapshot, thenExit: false, error: message(err) });
      }
    }
    if (!fx.loadWindow) throw new Error('this session reads no archive');
    const w = await fx.loadWindow(e.index);
    dispatch({ type: 'window', index: e.index, dir: e.dir, data: w.data, reviewed: w.reviewed, warnings: w.warnings, track: w.track, analysing: w.analysed !== undefined });
    w.analysed?.then(
      (u) => dispatch({ type: 'analysed', data: u.data, warnings: u.warnings, window: e.index }),
      (err) => dispatch({ type: 'analysed', error: message(err), window: e.index }),
    );
  })().catch((err) => dispatch({ type: 'windowFailed', index: e.index, error: message(err) }));
}

// The UI's whole state: a plain object, changed only by `reduce()` (reduce.ts).
import type { TuiData } from './data.js';
import { initialSeries } from './data.js';
import type { Draft } from './draft.js';
import type { OverviewView } from './overview-rows.js';
import type { ReviewState } from '../../state/types.js';
import type { TrackView } from './track-services.js';
import type { PageInfo } from './window-keys.js';

export type ScreenName = 'overview' | 'patch' | 'thread' | 'message' | 'discussion';

export interface Scroll {
  /** Focused row. */
  cursor: number;
  /** First row drawn. */
  top: number;
}

export type Overlay =
  | { kind: 'help'; top: number }
  | { kind: 'search'; text: string }
  | { kind: 'confirmQuit' }
  /** Choosing my review state of the shown series (or "my part is done"). */
  | { kind: 'chooseState' }
  | { kind: 'confirmApply' }
  | null;

/** Work for the effects layer, queued by the reducer and run by the app after a render. */
export type Effect =
  | { id: number; kind: 'saveReviewed'; series: { id: string; reviewed: string[] }[]; snapshot: string[]; thenExit: boolean }
  | { id: number; kind: 'reply'; seriesId: string; name: string; draft: Draft }
  | { id: number; kind: 'setState'; seriesId: string; state: ReviewState }
  | { id: number; kind: 'setParts'; seriesId: string; parts: string[] }
  | { id: number; kind: 'apply'; seriesId: string }
  /** Save these marks (the window's), then load window `index` of the archive (window-keys.ts). */
  | { id: number; kind: 'loadWindow'; index: number; dir: 1 | -1; save: { id: string; reviewed: string[] }[]; snapshot: string[] };

export interface Status {
  text: string;
  tone: 'info' | 'error';
}

export interface State {
  data: TuiData;
  width: number;
  height: number;
  /** Index of the shown series in `data.model.series`. */
  series: number;
  screen: ScreenName;
  /** Screens to return to with Esc. */
  back: ScreenName[];
  overview: Scroll & OverviewView;
  /** `pos` is the patch's position in the series' `patches` array. */
  patch: Scroll & { pos: number };
  thread: Scroll;
  /** The sub-threads, people and section voices of the series. */
  discussion: Scroll;
  message: Scroll & { msgid: string };
  /** Message-IDs of patches marked reviewed, sorted. */
  reviewed: string[];
  /** The marks as last stored; differing from `reviewed` means unsaved marks. */
  saved: string[];
  overlay: Overlay;
  status: Status | null;
  effects: Effect[];
  nextEffect: number;
  lastSearch: string;
  exit: boolean;
  /** Review state from the store (my state, parts done, the tree to apply to); null without a store. */
  track: TrackView | null;
  /** A series is being applied to the tree. */
  applying: boolean;
  /** MAINTAINERS and the rules are still running in the background: findings and tags come later. */
  analysing: boolean;
  /** Which window of a paged archive is shown (`}` / `{` past its ends load the next / previous); null: all of the input. */
  page: PageInfo | null;
}

export interface InitOptions {
  width: number;
  height: number;
  reviewed?: string[];
  /** Problems met while loading (unreadable state files): shown once in the status line. */
  warnings?: string[];
  /** The data has no findings or sections yet; an `analysed` action brings them. */
  analysing?: boolean;
  /** The series shown first (index into the model's series); default: the newest version of the first work. */
  series?: number;
  /** The input is paged: its windows and about how many series they hold. */
  page?: { count: number; total: number };
}

export function initState(data: TuiData, opts: InitOptions): State {
  const reviewed = [...new Set(opts.reviewed ?? [])].sort();
  return {
    data,
    width: opts.width,
    height: opts.height,
    series: opts.series ?? initialSeries(data),
    screen: 'overview',
    back: [],
    overview: { cursor: 0, top: 0, coverOpen: false, onlyFindings: false, query: '' },
    patch: { cursor: 0, top: 0, pos: 0 },
    thread: { cursor: 0, top: 0 },
    discussion: { cursor: 0, top: 0 },
    message: { cursor: 0, top: 0, msgid: '' },
    reviewed,
    saved: reviewed,
    overlay: null,
    status: opts.warnings?.length ? { text: opts.warnings.join('; '), tone: 'error' } : null,
    effects: [],
    nextEffect: 1,
    lastSearch: '',
    exit: false,
    track: null,
    applying: false,
    analysing: opts.analysing ?? false,
    page: opts.page ? { index: 0, count: opts.page.count, total: opts.page.total, offsets: [0], loading: false } : null,
  };
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function isDirty(s: State): boolean {
  return !sameList(s.reviewed, s.saved);
}

/** Series whose stored marks differ from the current ones, with their patches' marks. */
export function changedSeries(s: State): { id: string; reviewed: string[] }[] {
  const out: { id: string; reviewed: string[] }[] = [];
  for (const series of s.data.model.series) {
    const ids = new Set(series.patches.map((p) => p.msgid));
    const now = s.reviewed.filter((m) => ids.has(m));
    const before = s.saved.filter((m) => ids.has(m));
    if (!sameList(now, before)) out.push({ id: series.id, reviewed: now });
  }
  return out;
}

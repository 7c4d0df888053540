// Review state: where each series stands for each reviewer, kept across days and people. Plain data
// shapes; the storage is behind `StateStore` (store.ts) with a SQLite and a PostgreSQL driver.

/** b4 review's names for where a series stands for one reviewer. */
export const REVIEW_STATES = ['new', 'reviewing', 'replied', 'waiting', 'accepted', 'archived'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export function isReviewState(s: string): s is ReviewState {
  return (REVIEW_STATES as readonly string[]).includes(s);
}

export interface Person {
  name: string;
  /** The key: compared lower-cased. */
  email: string;
}

/** What the store remembers of a series, taken from the mail when it is tracked. */
export interface SeriesInfo {
  /** The series id lorescope uses everywhere: the cover letter's Message-ID, else the first patch's. */
  id: string;
  title: string;
  version: number;
  total: number;
  author: Person;
  changeId: string | null;
  baseCommit: string | null;
  /** Date of the newest message of the series' thread seen so far (ISO), or null. */
  lastMail: string | null;
  patches: { index: number; msgid: string; title: string }[];
}

/** One reviewer's standing on one series. */
export interface ReviewerStanding {
  reviewer: Person;
  state: ReviewState;
  /** With `waiting`: whom the reviewer waits for (the author unless said otherwise). */
  waitingFor: string | null;
  updatedAt: string;
  /** Message-IDs of the patches this reviewer marked reviewed. */
  marked: string[];
  /** "My part is done": the parts (subsystems, or `*` for all of mine) this reviewer finished. */
  partsDone: string[];
}

export interface Note {
  reviewer: Person;
  at: string;
  text: string;
}

export interface Activity {
  reviewer: Person;
  at: string;
  /** state, mark, unmark, note, part, unpart, apply. */
  kind: string;
  detail: string;
}

/** One row of `track list`: a series with everybody's standing. */
export interface TrackRow {
  series: Omit<SeriesInfo, 'patches'>;
  reviewers: ReviewerStanding[];
  /** Newest of the reviewers' activity and the series' last mail (ISO), or null. */
  lastActivity: string | null;
  /** Who did the newest recorded thing, or null when only mail is known. */
  lastActivityBy: Person | null;
  /** Everyone a reviewer in state `waiting` waits for, in order. */
  waitingFor: string[];
  notes: number;
}

export interface SeriesDetail extends Omit<TrackRow, 'notes'> {
  patches: SeriesInfo['patches'];
  notes: Note[];
  /** Newest first. */
  activity: Activity[];
}

export interface ListFilter {
  /** Only series where this reviewer has a standing (a state, marks or parts). */
  reviewer?: string;
  /** With `states`: whose state counts (`new` when they have none); without it, anyone's. */
  stateOf?: string;
  /** Only series in one of these states. */
  states?: ReviewState[];
  /** Include series every reviewer archived (hidden by default). */
  includeArchived?: boolean;
}

export interface StateStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the state lives, for messages: a file path, or a URL without its password. */
  readonly where: string;
  /** Schema version of the open database (after migrating). */
  schemaVersion(): Promise<number>;
  /** Record a series (or refresh what the mail says about it); reviewers' state is kept. */
  trackSeries(info: SeriesInfo): Promise<void>;
  /** The series whose id, or one of whose patches' Message-IDs, is `msgid`. */
  findSeries(msgid: string): Promise<SeriesInfo | null>;
  setState(seriesId: string, who: Person, state: ReviewState, waitingFor?: string | null): Promise<void>;
  /** Add and remove reviewed marks as one change; marks of other reviewers and other sessions stay. */
  changeMarks(seriesId: string, who: Person, add: string[], remove: string[]): Promise<void>;
  /** Marked patches per series for one reviewer. */
  marks(seriesIds: string[], reviewer: string): Promise<Map<string, string[]>>;
  setPartDone(seriesId: string, who: Person, part: string, done: boolean): Promise<void>;
  addNote(seriesId: string, who: Person, text: string): Promise<void>;
  /** Free-form activity (e.g. "apply"), for the log and "last activity". */
  logActivity(seriesId: string, who: Person, kind: string, detail: string): Promise<void>;
  list(filter?: ListFilter): Promise<TrackRow[]>;
  detail(seriesId: string): Promise<SeriesDetail | null>;
  close(): Promise<void>;
}

/** Bounds on what mail or a user can put into the shared database. */
export const LIMITS = { title: 500, note: 10_000, part: 200, who: 320, patches: 2_000, msgid: 998 } as const;

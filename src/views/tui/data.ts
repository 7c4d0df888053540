// What the UI derives once from the review model: which series are versions of one work (across
// title changes: the model's lineage), and for each patch whether it changed since the version before.
import type { ReviewModel, ReviewPatch, ReviewSeries } from '../../model/review.js';
import type { MessageText } from '../../review/messages.js';
import { diffHash } from './diff-hash.js';

export type PatchChange = 'same' | 'changed' | 'new';

export interface TuiData {
  model: ReviewModel;
  /** Message texts by Message-ID; may be empty (then messages show their headers only). */
  messages: Record<string, MessageText>;
  /** Series indices of each work, oldest version first. */
  works: number[][];
  /** Series index → index into `works`. */
  workOf: number[];
  /** Per series, per patch position: change since the previous version; null for a first version. */
  changes: (PatchChange[] | null)[];
  /** Per series: index of the version before it (the model's `previous`, else the one before in its work), -1 for none. */
  previousOf: number[];
}

const titleKey = (p: ReviewPatch) => p.title.toLowerCase().replace(/\s+/g, ' ').trim();

const CHANGE: Record<string, PatchChange> = { unchanged: 'same', changed: 'changed', new: 'new' };

function compare(prev: ReviewSeries, cur: ReviewSeries): PatchChange[] {
  // The lineage's patch mapping knows patches whose title changed; without it, compare by diff and title.
  if (cur.lineage?.previous === prev.id) {
    const kinds = new Map(cur.lineage.patches.filter((m) => m.newer !== null).map((m) => [m.newer, CHANGE[m.kind] ?? 'new']));
    return cur.patches.map((p) => kinds.get(p.index) ?? 'new');
  }
  const hashes = new Set(prev.patches.map((p) => diffHash(p.files)));
  const titles = new Set(prev.patches.map(titleKey));
  return cur.patches.map((p) => {
    if (p.files.length && hashes.has(diffHash(p.files))) return 'same';
    return titles.has(titleKey(p)) ? 'changed' : 'new';
  });
}

export function buildData(model: ReviewModel, messages: Record<string, MessageText> = {}): TuiData {
  const byId = new Map(model.series.map((s, i) => [s.id, i]));
  const works: number[][] = [];
  const workOf: number[] = new Array(model.series.length).fill(-1);
  model.series.forEach((s, i) => {
    if (workOf[i] !== -1) return;
    const members = s.versions.map((id) => byId.get(id)).filter((x): x is number => x !== undefined);
    if (!members.includes(i)) members.push(i);
    const w = works.length;
    works.push(members);
    for (const m of members) workOf[m] = w;
  });
  const previousOf = model.series.map((s, i) => {
    const named = s.previous !== null && s.previous !== undefined ? byId.get(s.previous) : undefined;
    if (named !== undefined) return named;
    const w = works[workOf[i]];
    const k = w.indexOf(i);
    return k > 0 ? w[k - 1] : -1;
  });
  const changes = model.series.map((s, i) => (previousOf[i] >= 0 ? compare(model.series[previousOf[i]], s) : null));
  return { model, messages, works, workOf, changes, previousOf };
}

/** The series to open first: the newest version of the first work. */
export function initialSeries(data: TuiData): number {
  const w = data.works[0];
  return w && w.length ? w[w.length - 1] : 0;
}

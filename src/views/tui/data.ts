// What the UI derives once from the review model: which series are versions of one work, and for each
// patch whether it changed since the previous version.
import type { ReviewModel, ReviewPatch, ReviewSeries } from '../../model/review.js';
import type { MessageText } from '../../review/messages.js';
import { diffHash } from './diff-hash.js';

export type PatchChange = 'same' | 'changed' | 'new';

/** What the background analysis brings: the same series with findings and sections, and warnings. */
export interface AnalysedData {
  data: TuiData;
  warnings: string[];
}

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
}

const titleKey = (p: ReviewPatch) => p.title.toLowerCase().replace(/\s+/g, ' ').trim();

function compare(prev: ReviewSeries, cur: ReviewSeries): PatchChange[] {
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
  const changes: (PatchChange[] | null)[] = model.series.map(() => null);
  for (const members of works) {
    for (let k = 1; k < members.length; k++) changes[members[k]] = compare(model.series[members[k - 1]], model.series[members[k]]);
  }
  return { model, messages, works, workOf, changes };
}

/** The series to open first: the newest version of the first work. */
export function initialSeries(data: TuiData): number {
  const w = data.works[0];
  return w && w.length ? w[w.length - 1] : 0;
}

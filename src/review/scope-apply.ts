// `am --scoped-trailers`: a cover-letter trailer with a scope (`# for the cgroup parts`) is applied
// only to the patches that scope names, not to every patch as b4 does.
import type { Loaded } from '../pipeline/load.js';
import type { ReviewModel } from '../model/review.js';
import type { Trailer } from '../model/series.js';
import { scopeTrailers } from './scope.js';

export interface Narrowed {
  /** Human-readable lines: which trailer went where. */
  notes: string[];
}

const key = (t: { fromMsgid: string; name: string; value: string }) => `${t.fromMsgid}\u0000${t.name}\u0000${t.value}`;

/** Remove out-of-scope cover trailers from the loaded series' patches, in place. */
export function narrowCoverTrailers(loaded: Loaded, review: ReviewModel): Narrowed {
  const notes: string[] = [];
  for (const rs of review.series) {
    const series = loaded.model.series.find((s) => s.id === rs.id);
    if (!series) continue;
    const allowed = new Map<string, Set<number>>();
    for (const st of scopeTrailers(rs, loaded.mails)) {
      if (st.givenOn !== null || !st.scope.narrowed) continue;
      allowed.set(key(st), new Set(st.scope.patches));
      notes.push(`${st.name}: ${st.value}${st.scope.text ? ` ${st.scope.text}` : ''} → ${st.scope.patches.length ? st.scope.patches.map((n) => `${n}/${series.total}`).join(', ') : 'no patch'} only`);
    }
    if (!allowed.size) continue;
    for (const p of [...series.patches, ...series.extra, ...series.rerolls]) {
      p.trailers = p.trailers.filter((t: Trailer) => t.source !== 'cover' || (allowed.get(key(t))?.has(p.index) ?? true));
    }
  }
  return { notes };
}

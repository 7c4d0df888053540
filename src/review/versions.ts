// Which series are versions of the same work: same change-id, or same author and normalised title.
import type { Series } from '../model/series.js';

function titleKey(s: Series): string {
  return `title:${s.author.email.toLowerCase()}\u0000${s.title.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** Map from series id to the ids of all versions of its work, oldest first. */
export function linkVersions(series: Series[]): Map<string, string[]> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    for (const k of [a, b]) if (!parent.has(k)) parent.set(k, k);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const s of series) {
    union(`id:${s.id}`, titleKey(s));
    if (s.changeId) union(`id:${s.id}`, `change-id:${s.changeId}`);
  }
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    const r = find(`id:${s.id}`);
    const g = groups.get(r) ?? [];
    g.push(s);
    groups.set(r, g);
  }
  const out = new Map<string, string[]>();
  for (const g of groups.values()) {
    const ids = [...g].sort((a, b) => a.version - b.version || (a.date ?? '').localeCompare(b.date ?? '')).map((s) => s.id);
    for (const s of g) out.set(s.id, ids);
  }
  return out;
}

// `-P`/`--cherry-pick` with b4's syntax: `1,3,5-7,9-` (ranges, open-ended to the last patch), `-3`
// (from the first to 3), `<3` (before 3), `_` (only the patch MSGID names), `*glob*` (patch titles).
import type { PatchRef } from '../model/series.js';
import { globMatcher } from './fix-trailers.js';

export type CherryPick = { indices: number[] } | { error: string };

const MAX_SPEC = 1000;

export function cherryPick(spec: string, patches: PatchRef[], total: number, msgid?: string): CherryPick {
  const s = spec.replace(/\s+/g, '');
  if (!s || s.length > MAX_SPEC) return { error: `-P "${spec.slice(0, 40)}": empty or too long` };
  if (s === '_') {
    const p = patches.find((x) => x.msgid === msgid);
    return p ? { indices: [p.index] } : { error: `-P _: <${msgid ?? ''}> is not a patch of the series` };
  }
  if (s.includes('*')) {
    const match = globMatcher(s);
    const indices = patches.filter((p) => match(p.title)).map((p) => p.index);
    return indices.length ? { indices } : { error: `-P "${spec}": no patch title matches` };
  }
  const out = new Set<number>();
  for (const part of s.split(',')) {
    let m: RegExpExecArray | null;
    if (/^\d{1,5}$/.test(part)) out.add(Number(part));
    else if ((m = /^(\d{1,5})-(\d{1,5})?$/.exec(part))) {
      const hi = m[2] === undefined ? total : Number(m[2]);
      for (let i = Number(m[1]); i <= hi; i++) out.add(i);
    } else if ((m = /^-(\d{1,5})$/.exec(part))) {
      for (let i = 1; i <= Number(m[1]); i++) out.add(i);
    } else if ((m = /^<(\d{1,5})$/.exec(part))) {
      for (let i = 1; i < Number(m[1]); i++) out.add(i);
    } else return { error: `-P "${spec}": unknown range "${part}" (expected e.g. 1,3,5-7,9-, _ or *glob*)` };
  }
  const indices = [...out].filter((i) => i >= 1 && i <= total).sort((a, b) => a - b);
  return indices.length ? { indices } : { error: `-P "${spec}": no patch of 1..${total} selected` };
}

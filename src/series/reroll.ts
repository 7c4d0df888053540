// Partial rerolls: `[PATCH v3 2/2]` sent into v2's thread (as a reply to v2's 2/2, to a review of it,
// or to v2's cover letter) resends one patch; the v3 a maintainer applies is v2's other patches plus
// the new one, as b4 reconstitutes it. `[PATCH v5.1 10/12]` is the same thing with a minor number.
import type { Classified } from './classify.js';
import type { SeriesDraft } from './assemble.js';

const versionOf = (d: SeriesDraft) => d.version + (d.minor ? d.minor / 10 ** String(d.minor).length : 0);

/**
 * The earlier draft a patch was sent into: up its reply chain, past review comments, the first patch
 * with the same n/N or the first cover letter with the same N. Any other patch or a missing message
 * ends the search: the patch is not a reroll then.
 */
function rerollTarget(c: Classified, own: SeriesDraft, draftOf: Map<Classified, SeriesDraft>, byId: Map<string, Classified>): SeriesDraft | null {
  for (let n = c.node.parent; n; n = n.parent) {
    if (!n.mail) return null;
    const a = byId.get(n.mail.msgid);
    if (!a) return null;
    if (a.role === 'comment') continue;
    const d = draftOf.get(a);
    if (!d || d === own) return null;
    const sameSlot = a.role === 'cover'
      ? a.subject.total === c.subject.total
      : a.subject.index === c.subject.index && a.subject.total === c.subject.total;
    return sameSlot ? d : null;
  }
  return null;
}

const missingIndices = (d: SeriesDraft): number[] => {
  const have = new Set(d.patches.map((p) => p.subject.index ?? 1));
  const out: number[] = [];
  for (let i = 1; i <= (d.total ?? 0); i++) if (!have.has(i)) out.push(i);
  return out;
};

/**
 * Mark every partial reroll among the drafts (in place) and merge rerolled patches of one version
 * that were sent as separate replies. Returns the drafts that remain, in their order.
 */
export function findRerolls(drafts: SeriesDraft[], items: Classified[]): SeriesDraft[] {
  const draftOf = new Map<Classified, SeriesDraft>();
  for (const d of drafts) {
    if (d.cover) draftOf.set(d.cover, d);
    for (const p of d.patches) draftOf.set(p, d);
  }
  const byId = new Map(items.map((c) => [c.mail.msgid, c] as const));
  const targetOf = new Map<SeriesDraft, SeriesDraft>();
  for (const d of drafts) {
    if (!d.patches.length || d.total === null || d.total < 2 || !missingIndices(d).length) continue;
    let target: SeriesDraft | null = null;
    for (const p of d.patches) {
      const t = rerollTarget(p, d, draftOf, byId);
      if (!t || (target && t !== target)) { target = null; break; }
      target = t;
    }
    if (target && target.total === d.total && versionOf(target) < versionOf(d)) targetOf.set(d, target);
  }

  // `v3 1/2` and `v3 2/2` each sent as a reply into v2: one v3.
  const merged = new Set<SeriesDraft>();
  const groups = new Map<string, SeriesDraft>();
  for (const d of drafts) {
    const t = targetOf.get(d);
    if (!t) continue;
    const key = `${drafts.indexOf(t)}\u0000${versionOf(d)}\u0000${d.author}`;
    const first = groups.get(key);
    const clash = first && d.patches.some((p) => first.patches.some((q) => q.subject.index === p.subject.index));
    if (!first || clash) { groups.set(key, d); continue; }
    first.patches.push(...d.patches);
    first.firstSeen = Math.min(first.firstSeen, d.firstSeen);
    if (d.lastTime !== null && (first.lastTime === null || d.lastTime > first.lastTime)) first.lastTime = d.lastTime;
    merged.add(d);
  }

  // Reconstitute in version order, so a v4 rerolling a reconstituted v3 carries v3's carried patches.
  const kept = drafts.filter((d) => !merged.has(d));
  const byVersion = [...kept].filter((d) => targetOf.has(d)).sort((a, b) => versionOf(a) - versionOf(b));
  for (const d of byVersion) {
    const of = targetOf.get(d)!;
    const source = new Map<number, Classified>();
    for (const p of of.patches) if (!source.has(p.subject.index ?? 1)) source.set(p.subject.index ?? 1, p);
    for (const p of of.reroll?.carried ?? []) if (!source.has(p.subject.index ?? 1)) source.set(p.subject.index ?? 1, p);
    const carried = missingIndices(d).map((i) => source.get(i)).filter((p): p is Classified => !!p);
    const replaces = new Map<Classified, Classified>();
    for (const p of d.patches) {
      const old = source.get(p.subject.index ?? 1);
      if (old) replaces.set(p, old);
    }
    d.reroll = { of, carried, replaces };
  }
  return kept;
}

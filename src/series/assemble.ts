// Classified messages → series: threads first, then markers (author, version, total, time) for
// unthreaded mail, as patchwork does, without its known mistakes (v2 threaded to v1, `v5.1` rerolls).
import type { Classified } from './classify.js';
import { ancestors } from '../thread/build.js';
import { findRerolls } from './reroll.js';

export interface SeriesDraft {
  key: string;
  version: number;
  minor: number;
  total: number | null;
  author: string;
  cover: Classified | null;
  /** Patches in arrival order; duplicates of an index are kept and sorted out by the builder. */
  patches: Classified[];
  /**
   * Set on a partial reroll (`[PATCH v3 2/2]`, `[PATCH v5.1 10/12]` sent into an earlier version's
   * thread): the draft it rerolls and, per index it does not resend, the patch carried over.
   */
  reroll?: { of: SeriesDraft; carried: Classified[]; replaces: Map<Classified, Classified> };
  firstSeen: number;
  lastTime: number | null;
  /** True when the draft began from a message with no thread relation (markers may extend it). */
  unthreaded: boolean;
}

/** Unthreaded mail from one sender with the same markers joins a series within this window. */
const MARKER_WINDOW_MS = 12 * 60 * 60 * 1000;

function sameMarkers(a: Classified, b: Classified): boolean {
  return a.subject.version === b.subject.version && a.subject.minor === b.subject.minor && a.subject.total === b.subject.total;
}

function hasIndex(d: SeriesDraft, c: Classified): boolean {
  if (c.role === 'cover') return d.cover !== null;
  const i = c.subject.index;
  return d.patches.some((p) => p.subject.index === i);
}

function timeOf(c: Classified): number | null {
  return c.mail.date ? c.mail.date.getTime() : null;
}

/**
 * A cover letter left alone while its patches were threaded to an id nobody sent (a mail client gave
 * the cover another Message-ID than the one git send-email put in the patches' In-Reply-To): the
 * nearest cover-less draft from the same sender with the same markers, within the window, is its.
 */
function joinOrphanCovers(drafts: SeriesDraft[]): SeriesDraft[] {
  const gone = new Set<SeriesDraft>();
  for (const c of drafts) {
    if (!c.cover || c.patches.length) continue;
    const t = timeOf(c.cover);
    let best: SeriesDraft | null = null;
    let bestGap = Infinity;
    for (const d of drafts) {
      if (d === c || d.cover || gone.has(d) || !d.patches.length) continue;
      if (d.author !== c.author || d.version !== c.version || d.minor !== c.minor || d.total !== c.total) continue;
      const dt = d.patches.map(timeOf).find((x) => x !== null) ?? null;
      const gap = t !== null && dt !== null ? Math.abs(dt - t) : Infinity;
      if (gap <= MARKER_WINDOW_MS && gap < bestGap) { best = d; bestGap = gap; }
    }
    if (!best) continue;
    best.cover = c.cover;
    best.firstSeen = Math.min(best.firstSeen, c.firstSeen);
    gone.add(c);
  }
  return drafts.filter((d) => !gone.has(d));
}

export function assembleSeries(items: Classified[]): SeriesDraft[] {
  const order = new Map<Classified, number>();
  items.forEach((c, i) => order.set(c, i));
  const byId = new Map(items.map((c) => [c.mail.msgid, c] as const));
  const draftOf = new Map<Classified, SeriesDraft>();
  const drafts: SeriesDraft[] = [];
  const ghostDrafts = new Map<string, SeriesDraft>();
  // Unthreaded drafts that markers may extend, indexed by author and markers.
  const open = new Map<string, SeriesDraft[]>();
  const markerKey = (c: Classified) => `${c.mail.from.email.toLowerCase()}\u0000${c.subject.version}.${c.subject.minor}\u0000${c.subject.total}`;

  const newDraft = (c: Classified, key: string, unthreaded: boolean): SeriesDraft => {
    const d: SeriesDraft = {
      key, version: c.subject.version, minor: c.subject.minor, total: c.subject.total,
      author: c.mail.from.email.toLowerCase(), cover: null, patches: [],
      firstSeen: order.get(c)!, lastTime: timeOf(c), unthreaded,
    };
    drafts.push(d);
    if (unthreaded) {
      const k = markerKey(c);
      const list = open.get(k);
      if (list) list.push(d);
      else open.set(k, [d]);
    }
    return d;
  };

  const add = (d: SeriesDraft, c: Classified): void => {
    if (c.role === 'cover') d.cover = c;
    else d.patches.push(c);
    draftOf.set(c, d);
    const t = timeOf(c);
    if (t !== null && (d.lastTime === null || t > d.lastTime)) d.lastTime = t;
    d.firstSeen = Math.min(d.firstSeen, order.get(c)!);
  };

  const assign = (c: Classified, visiting: Set<Classified>): SeriesDraft | null => {
    const done = draftOf.get(c);
    if (done) return done;
    if (visiting.has(c)) return null;
    visiting.add(c);
    let topGhost: string | null = null;
    for (const a of ancestors(c.node)) {
      if (!a.mail) { topGhost = a.msgid; continue; }
      const ac = byId.get(a.mail.msgid);
      // A reroll may answer the review that asked for it; anything else stops at a comment.
      if (ac && ac.role === 'comment' && c.subject.minor > 0) continue;
      if (!ac || ac.role === 'comment') break;
      // git send-email with a versioned cover but unversioned patches: they still belong together.
      const unversionedUnderCover = c.role === 'patch' && !c.subject.explicitVersion && ac.role === 'cover'
        && ac.subject.total === c.subject.total;
      if (!sameMarkers(c, ac) && !unversionedUnderCover) break;
      const d = assign(ac, visiting);
      if (d && !hasIndex(d, c)) { add(d, c); return d; }
      break;
    }
    const parentMail = c.node.parent?.mail;
    // Threaded to a message we do not have (typically a missing cover letter), or sent as replies to
    // something not of this series (a review asking for a resend, the previous version's cover):
    // siblings from the same sender with the same markers group by that parent.
    const groupBy = topGhost !== null && c.node.parent ? topGhost
      : parentMail ? `${parentMail.msgid}\u0000${c.mail.from.email.toLowerCase()}` : null;
    if (groupBy !== null) {
      const key = `${groupBy}\u0000${c.subject.version}.${c.subject.minor}\u0000${c.subject.total}`;
      const g = ghostDrafts.get(key);
      if (g && !hasIndex(g, c)) { add(g, c); return g; }
      if (!g) {
        const d = newDraft(c, c.mail.msgid, false);
        ghostDrafts.set(key, d);
        add(d, c);
        return d;
      }
    }
    if (!c.node.parent && c.subject.total !== null && c.subject.total > 1) {
      const t = timeOf(c);
      const list = open.get(markerKey(c)) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const d = list[i];
        if (hasIndex(d, c)) continue;
        if (t !== null && d.lastTime !== null && Math.abs(t - d.lastTime) > MARKER_WINDOW_MS) continue;
        add(d, c);
        return d;
      }
    }
    const d = newDraft(c, c.mail.msgid, !c.node.parent);
    add(d, c);
    return d;
  };

  for (const c of items) if (c.role !== 'comment') assign(c, new Set());
  drafts.sort((a, b) => a.firstSeen - b.firstSeen);
  return findRerolls(joinOrphanCovers(drafts), items);
}

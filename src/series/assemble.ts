// Classified messages → series: threads first, then markers (author, version, total, time) for
// unthreaded mail, as patchwork does, without its known mistakes (v2 threaded to v1, `v5.1` rerolls).
import type { Classified } from './classify.js';
import { ancestors } from '../thread/build.js';

export interface SeriesDraft {
  key: string;
  version: number;
  minor: number;
  total: number | null;
  author: string;
  cover: Classified | null;
  /** Patches in arrival order; duplicates of an index are kept and sorted out by the builder. */
  patches: Classified[];
  /** Partial rerolls (`v5.1 10/12`) with the patch they replace. */
  rerolls: { reroll: Classified; replaces: Classified }[];
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

function isReroll(c: Classified, of: Classified): boolean {
  return c.subject.minor > 0 && of.role === 'patch' && of.subject.version === c.subject.version
    && of.subject.minor === 0 && of.subject.index !== null && of.subject.index === c.subject.index;
}

function hasIndex(d: SeriesDraft, c: Classified): boolean {
  if (c.role === 'cover') return d.cover !== null;
  const i = c.subject.index;
  return d.patches.some((p) => p.subject.index === i);
}

function timeOf(c: Classified): number | null {
  return c.mail.date ? c.mail.date.getTime() : null;
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
      author: c.mail.from.email.toLowerCase(), cover: null, patches: [], rerolls: [],
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
      if (isReroll(c, ac)) {
        const d = assign(ac, visiting);
        if (d) {
          d.rerolls.push({ reroll: c, replaces: ac });
          draftOf.set(c, d);
          return d;
        }
        break;
      }
      // git send-email with a versioned cover but unversioned patches: they still belong together.
      const unversionedUnderCover = c.role === 'patch' && !c.subject.explicitVersion && ac.role === 'cover'
        && ac.subject.total === c.subject.total;
      if (!sameMarkers(c, ac) && !unversionedUnderCover) break;
      const d = assign(ac, visiting);
      if (d && !hasIndex(d, c)) { add(d, c); return d; }
      break;
    }
    if (topGhost !== null && c.node.parent) {
      // Threaded to a message we do not have (typically a missing cover letter): siblings group by it.
      const key = `${topGhost}\u0000${c.subject.version}.${c.subject.minor}\u0000${c.subject.total}`;
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
  return drafts;
}

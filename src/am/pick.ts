// Which series `am MSGID` writes, as b4 users expect: any message of a thread names the thread, and
// the thread's newest revision of that work is written unless `-v N` names another.
import type { Series } from '../model/series.js';
import type { ThreadForest, ThreadNode } from '../thread/build.js';
import { linkVersions } from '../review/versions.js';

export interface Picked {
  series: Series;
  /** Other revisions of the same work in the thread, for the "Will use the latest revision" note. */
  revisions: number[];
}

export interface PickError {
  error: string;
}

function memberIds(s: Series): string[] {
  return [...(s.cover ? [s.cover.msgid] : []), ...s.patches.map((p) => p.msgid), ...s.extra.map((p) => p.msgid)];
}

function holds(s: Series, msgid: string): boolean {
  const refs: { msgid: string; replies: { msgid: string }[] }[] = [...s.patches, ...s.extra];
  if (s.cover) refs.push(s.cover);
  return refs.some((r) => r.msgid === msgid || r.replies.some((x) => x.msgid === msgid));
}

function rootOf(node: ThreadNode): ThreadNode {
  let n = node;
  const seen = new Set<ThreadNode>();
  while (n.parent && !seen.has(n)) { seen.add(n); n = n.parent; }
  return n;
}

/**
 * b4's submission date of a revision: the date of its first patch (not the cover letter). A partial
 * reroll's own patches date it, not the patches it carries.
 */
function submitted(s: Series): string {
  const own = s.patches.filter((p) => !p.carriedFrom);
  return (own[0] ?? s.patches[0])?.date ?? s.date ?? '';
}

/**
 * Series of the thread that are revisions of the same work as `anchor`: the same change-id or author
 * and title (lorescope's version links), a partial reroll of it, or a resend by its author of one of
 * its patches under that patch's title. Another author's series threaded into the discussion, or the
 * same author's unrelated fix, is not a revision of it (b4 counts any patch in the thread).
 */
function revisionsOf(anchor: Series, inThread: Series[]): Series[] {
  const links = linkVersions(inThread);
  const group = new Set(links.get(anchor.id) ?? [anchor.id]);
  const titles = new Set([anchor.title, ...anchor.patches.map((p) => p.title)].map((t) => t.toLowerCase()));
  const author = anchor.author.email.toLowerCase();
  const related = (s: Series): boolean => group.has(s.id)
    || (s.partialReroll !== undefined && (group.has(s.partialReroll.of) || s.partialReroll.of === anchor.id))
    || (s.author.email.toLowerCase() === author && s.patches.length > 0
      && s.patches.every((p) => titles.has(p.title.toLowerCase())));
  // Twice: a reroll of a resend is a revision too.
  for (let pass = 0; pass < 2; pass++) for (const s of inThread) if (related(s)) group.add(s.id);
  return inThread.filter((s) => group.has(s.id));
}

/** The newest revision: the latest submission, as b4 orders revisions. */
function newest(list: Series[]): Series | null {
  let best: Series | null = null;
  for (const s of list) {
    if (!s.patches.length) continue;
    if (!best || submitted(s) > submitted(best) || (submitted(s) === submitted(best) && s.version > best.version)) best = s;
  }
  return best;
}

export function pickRevision(series: Series[], forest: ThreadForest | null, msgid?: string, version?: number): Picked | PickError {
  if (!msgid) {
    const pool = version === undefined ? series : series.filter((s) => s.version === version);
    let best: Series | null = null;
    for (const s of pool) {
      if (!s.patches.length) continue;
      if (!best || s.version > best.version || (s.version === best.version && (s.date ?? '') > (best.date ?? ''))) best = s;
    }
    if (!best) return { error: version === undefined ? 'no patch series in input' : `no v${version} series in input` };
    return { series: best, revisions: [...new Set(series.map((s) => s.version))].sort((a, b) => a - b) };
  }
  const id = msgid.trim().replace(/^<|>$/g, '');
  const node = forest?.nodes.get(id);
  const anchor = series.find((s) => holds(s, id)) ?? null;
  if (!node && !anchor) return { error: `no message <${id}> in input` };
  const root = node ? rootOf(node) : null;
  const inThread = root && forest
    ? series.filter((s) => memberIds(s).some((m) => { const n = forest.nodes.get(m); return n !== undefined && rootOf(n) === root; }))
    : anchor ? [anchor] : [];
  const pool = anchor ? revisionsOf(anchor, inThread) : inThread;
  const revisions = [...new Set(pool.map((s) => s.version))].sort((a, b) => a - b);
  if (version !== undefined) {
    const want = pool.filter((s) => s.version === version);
    const picked = newest(want.length ? want : inThread.filter((s) => s.version === version));
    if (!picked) return { error: `no v${version} of this series in the thread of <${id}> (revisions: ${revisions.map((v) => `v${v}`).join(', ') || 'none'})` };
    return { series: picked, revisions };
  }
  const picked = newest(pool);
  if (!picked) return { error: `no patch series contains <${id}>` };
  return { series: picked, revisions };
}

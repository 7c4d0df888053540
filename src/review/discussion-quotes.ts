// What a sub-thread is about, in terms of the series: the patches whose diff lines it quotes (the
// same anchoring as review comments), and the patches and files its own words name ("patch 12",
// "12/27", "mm/mprotect.c", or "mprotect.c" when only one touched file has that name).
import type { Address } from '../model/mail.js';
import type { CommentAnchor, ReviewPatch } from '../model/review.js';
import { anchorReply, quoteBlocks } from './anchors.js';

const MAX_SCAN = 64 * 1024;
/** Basenames too common to stand for one file. */
const GENERIC = new Set(['makefile', 'kconfig', 'readme', 'index.rst', 'maintainers']);

export interface SeriesFiles {
  total: number;
  patches: ReviewPatch[];
  /** Touched path → patch indices. */
  paths: Map<string, number[]>;
  /** Basename → the one touched path with it (names shared by several paths are left out). */
  basenames: Map<string, string>;
  /** Diff lines of each patch ("+text", "-text", " text", trailing blanks dropped), built on first use. */
  lineSets: Map<number, Set<string>>;
}

export function seriesFiles(total: number, patches: ReviewPatch[]): SeriesFiles {
  const paths = new Map<string, number[]>();
  for (const p of patches) {
    for (const f of p.files) {
      for (const path of [f.path, f.oldPath]) {
        if (!path) continue;
        const list = paths.get(path) ?? [];
        if (!list.includes(p.index)) list.push(p.index);
        paths.set(path, list);
      }
    }
  }
  const byBase = new Map<string, string[]>();
  for (const path of paths.keys()) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (!base.includes('.') || GENERIC.has(base.toLowerCase())) continue;
    byBase.set(base, [...(byBase.get(base) ?? []), path]);
  }
  const basenames = new Map<string, string>();
  for (const [base, list] of byBase) if (list.length === 1) basenames.set(base, list[0]);
  return { total, patches, paths, basenames, lineSets: new Map() };
}

function lineSet(sf: SeriesFiles, p: ReviewPatch): Set<string> {
  let set = sf.lineSets.get(p.index);
  if (!set) {
    set = new Set();
    for (const f of p.files) for (const h of f.hunks) for (const l of h.lines) set.add((l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ') + l.text.trimEnd());
    sf.lineSets.set(p.index, set);
  }
  return set;
}

export interface Quotes {
  patches: Set<number>;
  files: Set<string>;
}

/**
 * Patches and files one message quotes or names; `own` is its own text (no quotes). `anchored`: for a
 * reply to a patch, the anchors the review model already found for it on that patch (replies to a
 * patch quote that patch), so only a reply to the cover letter is looked for in every patch.
 */
export function addQuotes(q: Quotes, sf: SeriesFiles, msgid: string, from: Address, body: string, own: string, anchored: { patch: number; anchors: CommentAnchor[] } | null): void {
  const text = body.slice(0, MAX_SCAN);
  if (anchored) {
    for (const a of anchored.anchors) {
      if (a.replyMsgid !== msgid) continue;
      q.patches.add(anchored.patch);
      q.files.add(a.file);
    }
  }
  const blocks = anchored ? [] : quoteBlocks(text);
  if (blocks.length) {
    const lastLines = blocks.map((b) => b.lines[b.lines.length - 1].trimEnd());
    for (const p of sf.patches) {
      // Only patches that hold a quoted line are worth anchoring against.
      const set = lineSet(sf, p);
      if (!lastLines.some((l) => set.has(l))) continue;
      for (const a of anchorReply(msgid, from, text, p.files)) {
        q.patches.add(p.index);
        q.files.add(a.file);
      }
    }
  }
  const words = own.slice(0, MAX_SCAN);
  // Words with a dot inside, stripped of the punctuation around them: a linear scan, no regex over the text.
  for (const raw of words.split(/\s+/)) {
    if (raw.indexOf('.') <= 0 || raw.length > 200) continue;
    const tok = raw.replace(/^[("'`<[]+|[)"'`>\],;:!?.]+$/g, '').replace(/^(a|b)\//, '');
    const path = sf.paths.has(tok) ? tok : sf.basenames.get(tok);
    if (path) q.files.add(path);
  }
  for (const m of words.matchAll(/\b(?:patch(?:es)?\s*#?\s*(\d{1,4})(?:\s*\/\s*(\d{1,4}))?|(\d{1,4})\/(\d{1,4})\])/gi)) {
    const n = Number(m[1] ?? m[3]);
    const of = m[2] ?? m[4];
    if (of !== undefined && Number(of) !== sf.total) continue;
    if (n >= 1 && n <= sf.total) q.patches.add(n);
  }
  for (const m of words.matchAll(/(?<![\w/.])(\d{1,4})\/(\d{1,4})(?![\w/])/g)) {
    if (Number(m[2]) === sf.total && sf.total > 1 && Number(m[1]) >= 1 && Number(m[1]) <= sf.total) q.patches.add(Number(m[1]));
  }
}

// Which sections cover a file, most specific first (get_maintainer.pl's get_maintainers loop):
// a section with a matching X: is skipped; otherwise its last matching F: (by line order) sets its
// depth (pattern slashes, +1 when not a subtree, -1 for patterns starting with `*`), a matching N:
// sets depth 0. With --pattern-depth N, an F: only counts when fewer than N directory levels lie
// between it and the file. Sections are then ordered by depth, deepest first.
//
// Equal depths: the script takes them in Perl hash order, which is randomised per run, so its
// output for such files varies between runs. We use MAINTAINERS order and report the tie groups.

import { compiledPattern, countSlashes, matchFilePattern } from './file-pattern.js';
import type { CompiledPattern, FileMatch, MaintainersDb } from './types.js';

/** Paths longer than PATH_MAX are not tested against regexes. */
const MAX_PATH = 4096;

interface Hit {
  tvi: number;
  section: number;
  depth: number;
  kind: 'F' | 'N';
}

function candidates(db: MaintainersDb, file: string): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  const push = (key: string) => {
    const bucket = db.index.get(key);
    if (bucket) for (const ref of bucket) out.push(compiledPattern(ref, db.directories));
  };
  push('');
  for (let i = file.indexOf('/'); i >= 0; i = file.indexOf('/', i + 1)) push(file.slice(0, i + 1));
  return out;
}

export function matchFile(db: MaintainersDb, file: string, patternDepth = 0): FileMatch {
  const fileSlashes = countSlashes(file);
  const excluded = new Set<number>();
  const hits: Hit[] = [];
  if (file.length <= MAX_PATH) {
    for (const p of candidates(db, file)) {
      if (p.kind === 'X') {
        if (!excluded.has(p.section) && matchFilePattern(p, file, fileSlashes)) excluded.add(p.section);
      } else if (matchFilePattern(p, file, fileSlashes)) {
        hits.push({ tvi: p.tvi, section: p.section, depth: p.depth, kind: 'F' });
      }
    }
    for (const p of db.nPatterns) {
      if (p.regex && p.regex.test(file)) hits.push({ tvi: p.tvi, section: p.section, depth: 0, kind: 'N' });
    }
  }
  hits.sort((a, b) => a.tvi - b.tvi);
  const depthOf = new Map<number, number>();
  for (const h of hits) {
    if (excluded.has(h.section)) continue;
    if (h.kind === 'N') depthOf.set(h.section, 0);
    else if (patternDepth === 0 || fileSlashes - h.depth < patternDepth) depthOf.set(h.section, h.depth);
  }
  const sections = [...depthOf].map(([section, depth]) => ({ section, depth }));
  sections.sort((a, b) => b.depth - a.depth || a.section - b.section);
  return { file, sections };
}

/** Runs of equal depth in a file's section list: the orders get_maintainer.pl may print. */
export function tieGroups(match: FileMatch): number[][] {
  const groups: number[][] = [];
  let i = 0;
  while (i < match.sections.length) {
    let j = i + 1;
    while (j < match.sections.length && match.sections[j].depth === match.sections[i].depth) j++;
    if (j - i > 1) groups.push(match.sections.slice(i, j).map((s) => s.section));
    i = j;
  }
  return groups;
}

// Reading a scope ("# for the cgroup parts", "[for patches 3-7]", "(Documentation)") into patch
// numbers and terms, and matching terms against a patch's subject prefix, tags, sections and paths.
// Token-based on purpose: the text comes from mail, so no backtracking regex runs over it.
import type { ReviewPatch } from '../model/review.js';

export type ScopeBy = 'patch-numbers' | 'subject' | 'tag' | 'section' | 'path';

export interface ParsedScope {
  numbers: number[];
  terms: string[];
}

const MAX_SCOPE = 400;

/** Words that say how much, not what: they never name a subsystem. */
const STOP = new Set(
  ('for the a an this that these those and or & of in on to with only just all whole entire every everything ' +
    'part parts bit bits change changes side sides piece pieces portion portions related patch patches code ' +
    'stuff series set patchset hunk hunks file files modification modifications area areas subsystem ' +
    'subsystems me my our from as far concerned goes is it i am looks good fine lgtm ack acked review ' +
    'reviewed please thanks also both other them rest remaining relevant specific here there one ones ' +
    'updates update same new').split(' '),
);

/** Nouns that end a scope phrase in running text ("for the cxl changes"). */
export const SCOPE_NOUNS = new Set(['part', 'parts', 'bit', 'bits', 'change', 'changes', 'side', 'piece', 'pieces', 'portion', 'portions', 'hunks', 'patches', 'patch']);

const PATCH_WORDS = new Set(['patch', 'patches', 'patch#', 'patches#']);
const JOINERS = new Set(['and', '&', 'to', 'through', 'thru', '-', '–']);

/** Strip the annotation's wrapping: `# ...`, `[...]`, `(...)`. */
export function unwrapScope(text: string): string {
  let s = text.trim().slice(0, MAX_SCOPE);
  if (s.startsWith('#')) s = s.slice(1);
  s = s.trim();
  if ((s.startsWith('[') && s.endsWith(']')) || (s.startsWith('(') && s.endsWith(')'))) s = s.slice(1, -1);
  return s.trim();
}

function toInt(s: string): number | null {
  if (s === '' || s.length > 4) return null;
  for (const c of s) if (c < '0' || c > '9') return null;
  return Number(s);
}

/** "3", "#3", "3/5", "3-7", "3–7" → the numbers (a range expanded, at most 500). */
function numbersOf(token: string): number[] | null {
  const t = token.replace(/^#/, '').replace(/[.,;:)]+$/, '');
  const slash = t.indexOf('/');
  if (slash > 0) {
    const a = toInt(t.slice(0, slash));
    return a !== null && toInt(t.slice(slash + 1)) !== null ? [a] : null;
  }
  const dash = t.search(/[-–]/);
  if (dash > 0) {
    const a = toInt(t.slice(0, dash));
    const b = toInt(t.slice(dash + 1));
    if (a === null || b === null || b < a || b - a > 500) return null;
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const n = toInt(t);
  return n === null ? null : [n];
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((w) => w.replace(/^["'`(]+|["'`).:!?]+$/g, ''))
    .filter((w) => w !== '');
}

/** Patch numbers and subject terms named by a scope text. */
export function parseScope(text: string): ParsedScope {
  const ws = words(unwrapScope(text));
  const numbers: number[] = [];
  const terms: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (PATCH_WORDS.has(w) || w === '#') {
      // "patches 3, 5 and 7-9", "patch 2 to 4"
      let j = i + 1;
      let last: number | null = null;
      while (j < ws.length) {
        const n = numbersOf(ws[j]);
        if (n) {
          numbers.push(...n);
          last = n[n.length - 1];
          j++;
        } else if (JOINERS.has(ws[j]) && j + 1 < ws.length && numbersOf(ws[j + 1])) {
          if ((ws[j] === 'to' || ws[j] === 'through' || ws[j] === 'thru' || ws[j] === '-' || ws[j] === '–') && last !== null) {
            const end = numbersOf(ws[j + 1])![0];
            for (let k = last + 1; k <= end && k - last <= 500; k++) numbers.push(k);
            j += 2;
          } else j++;
        } else break;
      }
      i = j - 1;
      continue;
    }
    // "1/5" or "#3" on their own name a patch too.
    if (w.includes('/') || w.startsWith('#')) {
      const n = numbersOf(w);
      if (n && (w.startsWith('#') || w.includes('/'))) {
        numbers.push(...n);
        continue;
      }
    }
    if (STOP.has(w) || numbersOf(w)) continue;
    if (w.length < 2 || w.length > 80) continue;
    terms.push(w);
  }
  return { numbers: [...new Set(numbers)].sort((a, b) => a - b), terms: [...new Set(terms)] };
}

/** The words of a subject's prefix: "mm/damon/paddr: ..." → mm, damon, paddr. */
export function subjectPrefixWords(title: string): string[] {
  const colon = title.indexOf(': ');
  if (colon <= 0 || colon > 80) return [];
  return title
    .slice(0, colon)
    .toLowerCase()
    .split(/[/,\s]+/)
    .filter((w) => w !== '');
}

function wordsOfName(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9_.-]+/).filter((w) => w !== '');
}

/** How a term names this patch, or null when it does not. */
export function termMatches(term: string, p: ReviewPatch): ScopeBy | null {
  if (subjectPrefixWords(p.title).includes(term)) return 'subject';
  if (p.tags.some((t) => t.toLowerCase() === term)) return 'tag';
  if (p.sections.some((s) => s.name.toLowerCase() === term || wordsOfName(s.name).includes(term))) return 'section';
  for (const f of p.files) {
    const paths = [f.path, f.oldPath].filter((x): x is string => !!x).map((x) => x.toLowerCase());
    for (const path of paths) {
      if (term.includes('/')) {
        const t = term.replace(/\/+$/, '');
        if (path === t || path.startsWith(t + '/')) return 'path';
        continue;
      }
      const parts = path.split('/');
      const base = parts[parts.length - 1];
      if (parts.slice(0, -1).includes(term) || base === term || base.replace(/\.[^.]*$/, '') === term) return 'path';
    }
  }
  return null;
}

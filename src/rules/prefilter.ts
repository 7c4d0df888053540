// Skipping hunks no rule can fire on. Every match condition implies some literal (a pattern's
// required string, a symbol, a struct name) that must appear in the raw text of the hunk's lines or
// heading; blanking comments only turns characters into spaces, so a literal without whitespace seen
// in code is also in the raw line. One native search over the union of the literals decides whether
// a hunk is worth annotating at all, which for most hunks of most patches it is not.
import type { Hunk } from '../diff/types.js';
import { MAX_LINE } from './pattern/index.js';
import type { CompiledMatch, DiffRule } from './rule.js';

function usable(lits: readonly string[] | null | undefined): readonly string[] | null {
  if (!lits || lits.length === 0) return null;
  return lits.every((l) => l.length > 0 && !/\s/.test(l)) ? lits : null;
}

/**
 * A literal set implied by the alternative, and whether it may come from context lines and the
 * heading (struct names, headings) or only from the changed line itself (patterns, symbols).
 */
export function alternativeLiterals(alt: CompiledMatch): { lits: readonly string[]; context: boolean } | null {
  const lineLists = [alt.added, alt.removed, alt.changed].filter((m) => m !== undefined);
  if (lineLists.length > 0) {
    const all: string[] = [];
    let ok = true;
    for (const m of lineLists) {
      const l = usable(m.literals);
      if (!l) ok = false;
      else all.push(...l);
    }
    if (ok) return { lits: all, context: false };
  }
  if (alt.symbols) return { lits: alt.symbols.symbols.map((s) => (s.endsWith('*') ? s.slice(0, -1) : s)), context: false };
  if (alt.within) return { lits: [...alt.within].map((w) => w.slice(w.indexOf(' ') + 1)), context: true };
  const h = usable(alt.heading?.literals);
  return h ? { lits: h, context: true } : null;
}

export interface RuleLiterals {
  /** Needed on a changed line. */
  changed: readonly string[];
  /** Needed anywhere in the hunk: heading, context or changed lines. */
  anywhere: readonly string[];
}

/** Literals one of which every hit of the rule needs in its hunk, or null. */
export function ruleLiterals(rule: DiffRule): RuleLiterals | null {
  const changed = new Set<string>();
  const anywhere = new Set<string>();
  for (const alt of rule.alternatives) {
    const l = alternativeLiterals(alt);
    if (!l) return null;
    for (const x of l.lits) (l.context ? anywhere : changed).add(x);
  }
  return { changed: [...changed], anywhere: [...anywhere] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function union(lits: Set<string>): RegExp | null {
  if (lits.size === 0) return null;
  return new RegExp([...lits].sort((a, b) => b.length - a.length).map(escape).join('|'));
}

/**
 * A test for "may some of these rules fire in this hunk", or null when one of them cannot be
 * prefiltered. The searches are plain alternations of escaped literals (no quantifiers), so their
 * cost is bounded by line length times the literals' total length.
 */
export function hunkFilter(rules: readonly DiffRule[]): ((h: Hunk) => boolean) | null {
  const anywhere = new Set<string>();
  const changed = new Set<string>();
  for (const r of rules) {
    const l = r.literals;
    if (!l) return null;
    for (const x of l.anywhere) anywhere.add(x);
    for (const x of l.changed) changed.add(x);
  }
  for (const x of anywhere) changed.add(x);
  const onChanged = union(changed);
  const onAny = union(anywhere);
  if (!onChanged) return () => false;
  return (h) => {
    if (onAny && onAny.test(h.heading)) return true;
    for (const l of h.lines) {
      if (l.text.length > MAX_LINE) return true;
      if (l.kind === 'context' ? onAny !== null && onAny.test(l.text) : onChanged.test(l.text)) return true;
    }
    return false;
  };
}

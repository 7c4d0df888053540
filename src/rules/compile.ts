// Rule spec (schema-checked data) → Rule with compiled matchers. Every problem names the path of
// the offending value inside the file, so the loader can point at its line and column.
import { detached } from '../util/detach.js';
import picomatch from 'picomatch';
import { BUILTIN_CHECKS } from './checks/index.js';
import { compilePatterns, PatternListError, type LineMatcher } from './pattern/index.js';
import { ruleLiterals } from './prefilter.js';
import type { CompiledMatch, DiffRule, Rule, RuleSource } from './rule.js';
import type { MatchSpec, RuleSpec } from './schema.js';
import { SymbolMatcher } from './symbols.js';
import { parseTemplate } from './template.js';

export type SpecPath = Array<string | number>;

export class SpecError extends Error {
  constructor(
    message: string,
    readonly path: SpecPath,
  ) {
    super(message);
  }
}

const GLOB_OPTIONS = { dot: true } as const;

/** Paths longer than this never match: glob matching stays bounded on hostile mail. */
const MAX_PATH = 1024;
const CACHE = 4096;

/** A picomatch matcher with its answers cached (a series touches the same paths over and over). */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const m = picomatch(globs as string[], GLOB_OPTIONS);
  const cache = new Map<string, boolean>();
  return (path) => {
    let v = cache.get(path);
    if (v === undefined) {
      if (cache.size >= CACHE) cache.clear();
      v = path.length <= MAX_PATH && m(path);
      // The key outlives the mail the path was cut from.
      cache.set(detached(path), v);
    }
    return v;
  };
}

const EXTENSION_GLOB = /^\*\*\/\*(\.[A-Za-z0-9_]+)$/;
const PLAIN_PATH = /^[A-Za-z0-9_./+-]+$/;

/** Extension globs (any depth, e.g. all .c files) and plain paths need no glob engine: endsWith and equality do. */
function fastGlobs(globs: readonly string[]): ((path: string) => boolean) | null {
  const exts: string[] = [];
  const exact = new Set<string>();
  for (const g of globs) {
    const m = EXTENSION_GLOB.exec(g);
    if (m) exts.push(m[1]);
    else if (PLAIN_PATH.test(g) && !g.endsWith('/')) exact.add(g);
    else return null;
  }
  return (path) => exact.has(path) || exts.some((e) => path.endsWith(e));
}

function scopeMatcher(spec: RuleSpec['scope']): (path: string) => boolean {
  const inc = spec?.include ? (fastGlobs(spec.include) ?? globMatcher(spec.include)) : null;
  const exc = spec?.exclude ? (fastGlobs(spec.exclude) ?? globMatcher(spec.exclude)) : null;
  return (path) => (!inc || inc(path)) && !(exc && exc(path));
}

function patterns(list: string[] | undefined, path: SpecPath): LineMatcher | undefined {
  if (!list) return undefined;
  try {
    return compilePatterns(list);
  } catch (e) {
    if (e instanceof PatternListError) {
      const where = e.offset > 0 ? ` (at character ${e.offset + 1} of the pattern)` : '';
      throw new SpecError(`${e.message}${where}`, [...path, e.index]);
    }
    throw e;
  }
}

function compileMatch(m: MatchSpec, path: SpecPath): CompiledMatch {
  return {
    added: patterns(m.added, [...path, 'added']),
    removed: patterns(m.removed, [...path, 'removed']),
    changed: patterns(m.changed, [...path, 'changed']),
    unless: patterns(m.unless, [...path, 'unless']),
    heading: patterns(m.heading, [...path, 'heading']),
    symbols: m.symbols ? new SymbolMatcher(m.symbols) : undefined,
    within: m.within ? new Set(m.within) : undefined,
    text: m.text ?? 'code',
    ignoreMoved: m.ignore_moved ?? false,
    unlessChanged: m.series ? globMatcher(m.series.unless_changed) : undefined,
  };
}

/** Placeholders a match rule can fill: `within` and `symbol` only when every alternative has them. */
export function diffPlaceholders(alts: readonly MatchSpec[]): string[] {
  const names = ['file', 'line', 'side', 'text', 'heading', 'count'];
  if (alts.every((a) => a.within)) names.push('within');
  if (alts.every((a) => a.symbols)) names.push('symbol');
  return names;
}

/** Compiles one schema-valid rule; `at` is the path of the rule inside its file. */
export function compileRule(spec: RuleSpec, source: RuleSource, at: SpecPath): Rule {
  const meta = {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    rationale: spec.rationale.trim(),
    ...(spec.link ? { link: spec.link } : {}),
    enabledByDefault: spec.enabled ?? true,
    source,
  };
  const template = (allowed: string[]) => {
    try {
      return parseTemplate(spec.message ?? spec.title, allowed);
    } catch (e) {
      throw new SpecError((e as Error).message, [...at, 'message']);
    }
  };
  if (spec.check !== undefined) {
    const check = BUILTIN_CHECKS.get(spec.check);
    if (!check) {
      throw new SpecError(`unknown check "${spec.check}" (known: ${[...BUILTIN_CHECKS.keys()].join(', ')})`, [...at, 'check']);
    }
    return { ...meta, kind: 'check', check, message: template([...check.placeholders]) };
  }
  const alts = spec.match ?? [];
  const alternatives = alts.map((m, i) => compileMatch(m, [...at, 'match', i]));
  const rule: DiffRule = {
    ...meta,
    kind: 'diff',
    report: spec.report ?? 'line',
    inScope: scopeMatcher(spec.scope),
    alternatives,
    message: template(diffPlaceholders(alts)),
    literals: null,
  };
  rule.literals = ruleLiterals(rule);
  return rule;
}

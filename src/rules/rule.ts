// A loaded rule: the spec's metadata plus compiled matchers. Plain enough to hand to formatters
// (id, title, severity, rationale, link, where it was defined).
import type { BuiltinCheck } from './checks/index.js';
import type { RuleLiterals } from './prefilter.js';
import type { LineMatcher } from './pattern/index.js';
import type { Severity } from './schema.js';
import type { SymbolMatcher } from './symbols.js';
import type { Template } from './template.js';

export interface RuleSource {
  file: string;
  line: number;
  column: number;
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  link?: string;
  /** On unless disabled (false: off until enabled by id or prefix). */
  enabledByDefault: boolean;
  source: RuleSource;
}

export interface CompiledMatch {
  added?: LineMatcher;
  removed?: LineMatcher;
  changed?: LineMatcher;
  unless?: LineMatcher;
  heading?: LineMatcher;
  symbols?: SymbolMatcher;
  within?: ReadonlySet<string>;
  text: 'code' | 'raw';
  ignoreMoved: boolean;
  unlessChanged?: (path: string) => boolean;
}

export interface DiffRule extends RuleMeta {
  kind: 'diff';
  report: 'line' | 'hunk' | 'file' | 'patch';
  inScope: (path: string) => boolean;
  alternatives: CompiledMatch[];
  message: Template;
  /** Literals one of which every hit's hunk contains (see prefilter.ts), or null. */
  literals: RuleLiterals | null;
}

export interface CheckRule extends RuleMeta {
  kind: 'check';
  check: BuiltinCheck;
  message: Template;
}

export type Rule = DiffRule | CheckRule;

/** Metadata only (what formatters and `--list-rules` need), serialisable to JSON. */
export function ruleMeta(r: Rule): RuleMeta & { kind: Rule['kind'] } {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    rationale: r.rationale,
    ...(r.link ? { link: r.link } : {}),
    enabledByDefault: r.enabledByDefault,
    source: r.source,
    kind: r.kind,
  };
}

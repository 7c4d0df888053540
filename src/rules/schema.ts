// The one schema of rule files (rules/*.yaml and --rules DIR). Unknown keys are refused; the
// TypeScript types of rule specs are derived from it, so the two cannot drift apart. zod loads only
// when a rule file is validated (see lazy.ts): the schema is built on first use.
import type { z } from 'zod';
import { zodLib } from './lazy.js';

export const SEVERITIES = ['info', 'warn', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

function buildSchemas(z: typeof import('zod').z) {
  /** A single string is accepted where a list is expected ("any of" with one member). */
  const list = <T extends z.ZodType>(item: T) =>
    z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item).min(1, { error: 'must not be empty' }));

  const Severity = z.enum(SEVERITIES);

  const Pattern = z.string().min(1, { error: 'empty pattern' });
  const Glob = z.string().min(1, { error: 'empty glob' });
  const Symbol = z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*\*?$/, { error: 'a symbol is a C identifier, optionally ending in * for a prefix' });
  const Aggregate = z
    .string()
    .regex(/^(struct|union|enum) [A-Za-z_][A-Za-z0-9_]*$/, { error: 'write "struct NAME", "union NAME" or "enum NAME"' });

  const SeriesCondition = z.strictObject({
    /** The alternative applies only when no patch of the series touches a file matching these globs. */
    unless_changed: list(Glob),
  });

  const MatchSpec = z
    .strictObject({
      /** Added lines matching any of these. */
      added: list(Pattern).optional(),
      /** Removed lines matching any of these. */
      removed: list(Pattern).optional(),
      /** Added or removed lines matching any of these. */
      changed: list(Pattern).optional(),
      /** Lines matching any of these are never hits. */
      unless: list(Pattern).optional(),
      /** Lines naming one of these identifiers (whole words; `PREFIX*` for a prefix). */
      symbols: list(Symbol).optional(),
      /** Lines inside one of these definitions, e.g. "struct page". */
      within: list(Aggregate).optional(),
      /** The function heading in force matches one of these. */
      heading: list(Pattern).optional(),
      /** What patterns and symbols see: code (comments and literal contents blanked, default) or the raw line. */
      text: z.enum(['code', 'raw']).optional(),
      /** An added line that the same patch also removes (code motion) is not a hit, nor the reverse. */
      ignore_moved: z.boolean().optional(),
      series: SeriesCondition.optional(),
    })
    .refine((m) => m.added || m.removed || m.changed || m.symbols || m.within || m.heading, {
      error: 'a match needs at least one of added, removed, changed, symbols, within, heading',
    });

  const ScopeSpec = z.strictObject({
    include: list(Glob).optional(),
    exclude: list(Glob).optional(),
  });

  const RuleSpec = z
    .strictObject({
      id: z.string().regex(RULE_ID, { error: 'an id is lowercase words joined by dots, at least two (e.g. mm.pgmap.access)' }),
      title: z.string().min(1).max(120),
      severity: Severity,
      rationale: z.string().min(1).max(1000),
      link: z.url().optional(),
      /** Finding message with {{placeholders}}; the title when absent. */
      message: z.string().min(1).max(500).optional(),
      /** Off until enabled by id (--enable); on by default. */
      enabled: z.boolean().optional(),
      /** One finding per matching line (default), or the first line of each hunk, file or patch. */
      report: z.enum(['line', 'hunk', 'file', 'patch']).optional(),
      scope: ScopeSpec.optional(),
      /** Conditions on changed lines; a list means any of them. */
      match: z
        .preprocess((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v), z.array(MatchSpec).min(1))
        .optional(),
      /** A named built-in check (process rules) instead of match conditions. */
      check: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
    })
    .refine((r) => (r.match === undefined) !== (r.check === undefined), { error: 'a rule has either match or check, not both or neither' })
    .refine((r) => r.check === undefined || (r.scope === undefined && r.report === undefined), {
      error: 'scope and report apply to match rules only',
    });

  const RuleFileSpec = z.strictObject({
    /** What the pack is about (shown by tools that list packs). */
    description: z.string().optional(),
    rules: z.array(RuleSpec).min(1, { error: 'a rule file holds at least one rule' }),
  });

  return { Severity, MatchSpec, ScopeSpec, RuleSpec, RuleFileSpec };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** The zod schemas (zod is loaded on the first call). */
export function ruleSchemas(): Schemas {
  return (schemas ??= buildSchemas(zodLib().z));
}

export type MatchSpec = z.infer<Schemas['MatchSpec']>;
export type RuleSpec = z.infer<Schemas['RuleSpec']>;
export type RuleFileSpec = z.infer<Schemas['RuleFileSpec']>;

// The rule engine's public API.
//
//   const { rules, errors } = loadRules({ dirs: opts.rules });          // built-in packs + --rules DIR
//   errors.forEach((e) => console.error(formatLoadError(e)));            // file:line:col: reason
//   const { rules: active, unknown } = selectRules(rules, { enable, disable, severity });
//   const findings = evaluate(active, inputFromSeries(series, mails, { missingRecipients }));
export { loadRules } from './load.js';
export type { LoadedRules, LoadOptions } from './load.js';
export { parseRuleFile, formatLoadError } from './parse.js';
export type { RuleLoadError } from './parse.js';
export { ruleFilesIn, BUILTIN_RULES_DIR } from './files.js';
export { precompileRules, loadPrecompiled, PRECOMPILED_RULES } from './precompiled.js';
export { selectRules, isEnabled, specificity } from './select.js';
export type { Selection, Selected } from './select.js';
export { evaluate } from './evaluate.js';
export { inputFromSeries, patchFromMail } from './input.js';
export { ruleMeta } from './rule.js';
export type { Rule, RuleMeta, RuleSource, DiffRule, CheckRule } from './rule.js';
export { BUILTIN_CHECKS } from './checks/index.js';
export { SEVERITIES, ruleSchemas } from './schema.js';
export type { Severity, RuleSpec, RuleFileSpec } from './schema.js';
export type { EvalInput, EvalPatch, EvalSeries, EvalMail, EvalContext, MissingRecipient, Finding } from './types.js';
export { MAX_LINE } from './pattern/index.js';

import type { Severity } from './schema.js';

const ORDER: Record<Severity, number> = { info: 0, warn: 1, high: 2 };

/** True when `severity` is at least `threshold` (for --fail-on). */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return ORDER[severity] >= ORDER[threshold];
}

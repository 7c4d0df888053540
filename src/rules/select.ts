// Turning rules on and off by id or dotted prefix: the most specific selector wins, so
// `--disable mm --enable mm.pgmap.access` keeps one mm rule. At equal specificity disabling wins.
import type { Rule } from './rule.js';
import type { Severity } from './schema.js';

export interface Selection {
  enable?: readonly string[];
  disable?: readonly string[];
  /** Severity overrides by id or prefix (most specific wins; a later entry wins a tie). */
  severity?: ReadonlyArray<readonly [string, Severity]>;
}

export interface Selected {
  rules: Rule[];
  /** Selectors that name no loaded rule (probably a typo): the CLI should say so. */
  unknown: string[];
}

const ALL = new Set(['all', '*']);

/** How specific `selector` is for `id`: -1 when it does not apply, 0 for all, else its segment count. */
export function specificity(selector: string, id: string): number {
  if (ALL.has(selector)) return 0;
  if (selector === id || id.startsWith(`${selector}.`)) return selector.split('.').length;
  return -1;
}

export function isEnabled(id: string, byDefault: boolean, sel: Selection): boolean {
  let best = -1;
  let verdict = byDefault;
  for (const s of sel.enable ?? []) {
    const k = specificity(s, id);
    if (k > best) [best, verdict] = [k, true];
  }
  for (const s of sel.disable ?? []) {
    const k = specificity(s, id);
    if (k >= best && k >= 0) [best, verdict] = [k, false];
  }
  return verdict;
}

function severityFor(rule: Rule, sel: Selection): Severity {
  let best = -1;
  let sev = rule.severity;
  for (const [s, level] of sel.severity ?? []) {
    const k = specificity(s, rule.id);
    if (k >= best && k >= 0) [best, sev] = [k, level];
  }
  return sev;
}

/** The rules to run, with severities overridden; the input rules are not changed. */
export function selectRules(rules: readonly Rule[], sel: Selection = {}): Selected {
  const selectors = [...(sel.enable ?? []), ...(sel.disable ?? []), ...(sel.severity ?? []).map(([s]) => s)];
  const unknown = [...new Set(selectors)].filter((s) => !rules.some((r) => specificity(s, r.id) >= 0));
  const out: Rule[] = [];
  for (const r of rules) {
    if (!isEnabled(r.id, r.enabledByDefault, sel)) continue;
    const severity = severityFor(r, sel);
    out.push(severity === r.severity ? r : { ...r, severity });
  }
  return { rules: out, unknown };
}

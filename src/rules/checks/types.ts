// Built-in checks: process rules whose logic is code but whose id, severity and rationale are data.
import type { EvalInput } from '../types.js';

export interface CheckHit {
  /** Index into input.patches, or -1 for a finding about the series as a whole. */
  patch: number;
  /** What the finding is about, stable across versions (feeds the fingerprint). */
  key: string;
  /** Shown as the finding's text. */
  text: string;
  /** Placeholder values for the rule's message. */
  values: Record<string, string>;
}

export interface BuiltinCheck {
  name: string;
  /** What the check does, for rule authors. */
  description: string;
  /** Placeholders the check fills (a rule's message may use only these). */
  placeholders: readonly string[];
  run(input: EvalInput): CheckHit[];
}

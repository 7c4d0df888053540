// The registry of built-in checks that rule files may name with `check:`.
import { baseCommitMissing } from './base-commit-missing.js';
import { ccMissing } from './cc-missing.js';
import { signoffMissing } from './signoff-missing.js';
import type { BuiltinCheck } from './types.js';

export type { BuiltinCheck, CheckHit } from './types.js';

export const BUILTIN_CHECKS: ReadonlyMap<string, BuiltinCheck> = new Map(
  [signoffMissing, ccMissing, baseCommitMissing].map((c) => [c.name, c]),
);

// Loading the built-in packs and --rules directories. A file with any problem is rejected whole (see
// parse.ts); the other files still load. The built-in packs come from their precompiled form when it
// is up to date (precompiled.ts), which spares loading yaml and zod.
import { BUILTIN_RULES_DIR, readRuleText, ruleFilesIn } from './files.js';
import { parseRuleFile, type RuleLoadError } from './parse.js';
import { loadPrecompiled, PRECOMPILED_RULES } from './precompiled.js';
import type { Rule } from './rule.js';

export interface LoadedRules {
  rules: Rule[];
  errors: RuleLoadError[];
  /** Rule files read, in order. */
  files: string[];
  /** The built-in packs came from the precompiled file (yaml and zod were not needed for them). */
  precompiled: boolean;
}

export interface LoadOptions {
  /** Load the built-in packs from rules/ (default true). */
  builtin?: boolean;
  /** Extra rule directories (--rules DIR), loaded after the built-in packs. */
  dirs?: string[];
  /** Extra rule files. */
  files?: string[];
  /** Where the built-in packs are (default: rules/ of the package; for tests). */
  builtinDir?: string;
  /** Their precompiled form (default: written by `npm run build`); null: always parse and validate. */
  precompiled?: string | null;
}

/** Loads built-in and user rules. Never throws for bad rule files or unreadable directories. */
export function loadRules(opts: LoadOptions = {}): LoadedRules {
  const files: string[] = [];
  const errors: RuleLoadError[] = [];
  const rules: Rule[] = [];
  const taken = new Map<string, string>();
  const add = (rule: Rule) => {
    rules.push(rule);
    taken.set(rule.id, `${rule.source.file}:${rule.source.line}`);
  };
  const builtinDir = opts.builtinDir ?? BUILTIN_RULES_DIR;
  const pre = opts.builtin === false || opts.precompiled === null ? null : loadPrecompiled(opts.precompiled ?? PRECOMPILED_RULES, builtinDir);
  if (pre) {
    files.push(...pre.files);
    pre.rules.forEach(add);
  }
  const dirs = [...(opts.builtin === false || pre ? [] : [builtinDir]), ...(opts.dirs ?? [])];
  const toParse: string[] = [];
  for (const dir of dirs) {
    try {
      toParse.push(...ruleFilesIn(dir));
    } catch (e) {
      errors.push({ file: dir, message: `cannot read rules directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  }
  toParse.push(...(opts.files ?? []));
  files.push(...toParse);
  for (const file of toParse) {
    const read = readRuleText(file);
    if ('error' in read) {
      errors.push(read.error);
      continue;
    }
    const r = parseRuleFile(read.text, file, taken);
    errors.push(...r.errors);
    r.rules.forEach(add);
  }
  return { rules, errors, files, precompiled: pre !== null };
}

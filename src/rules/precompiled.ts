// The built-in rule packs, validated at build time. `npm run build` runs scripts/build-rules.mjs,
// which parses rules/*.yaml with the full schema and writes the checked specs to
// dist/rules-builtin.json with a hash of the yaml files and of the schema module. At run time, when
// the hash still matches, the rules are compiled from the JSON and yaml and zod (~100 ms of start-up)
// are never loaded; a missing, unreadable or stale file means the usual parse-and-validate path.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { compileRule, type SpecPath } from './compile.js';
import { readRuleText, ruleFilesIn } from './files.js';
import { parseRules, type RuleLoadError } from './parse.js';
import type { Rule } from './rule.js';
import type { RuleSpec } from './schema.js';

/** dist/rules-builtin.json next to dist/rules/ (src/ has none: tests parse unless told otherwise). */
export const PRECOMPILED_RULES = fileURLToPath(new URL('../rules-builtin.json', import.meta.url));

const FORMAT = 1 as const;

export interface PrecompiledRule {
  /** Rule file, relative to the rules directory. */
  file: string;
  line: number;
  column: number;
  at: SpecPath;
  spec: RuleSpec;
}

export interface Precompiled {
  format: typeof FORMAT;
  hash: string;
  /** collationKey() at build time, and the directory's entries in the order localeCompare gave then. */
  collation: string;
  sorted: string[] | null;
  rules: PrecompiledRule[];
}

/**
 * What decides the order of localeCompare (ruleFilesIn sorts with it): the ICU build and the locale
 * taken from the environment. When it is unchanged, the order found at build time is the order now.
 */
export function collationKey(env: NodeJS.ProcessEnv = process.env): string {
  const icuArgs = [...process.execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].filter((a) => a.startsWith('--icu'));
  const vars = ['LC_ALL', 'LC_MESSAGES', 'LC_COLLATE', 'LC_CTYPE', 'LANG', 'NODE_ICU_DATA'].map((k) => env[k] ?? null);
  return JSON.stringify([process.version, process.versions.icu ?? null, process.versions.cldr ?? null, icuArgs, vars]);
}

/** Top-level entries of `dir` in the order of `files`, when no two compare equal (ties keep readdir's order). */
function entryOrder(dir: string, files: readonly string[]): string[] | null {
  const names = [...new Set(files.map((f) => relative(dir, f).split(sep)[0]))];
  return names.every((n, i) => i === 0 || names[i - 1].localeCompare(n) < 0) ? names : null;
}

/** The schema this module was built with: a changed schema makes earlier JSON stale. */
function schemaText(): string {
  const own = fileURLToPath(import.meta.url);
  return readFileSync(fileURLToPath(new URL(`./schema${extname(own)}`, import.meta.url)), 'utf8');
}

/** Over the file names and contents, in an order that does not depend on the locale. */
function hashRules(dir: string, files: readonly string[], texts: readonly string[]): string {
  const h = createHash('sha256').update(`lorescope-rules ${FORMAT}\0`).update(schemaText()).update('\0');
  const named = files.map((f, i) => [relative(dir, f), texts[i]] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, text] of named) h.update(name).update('\0').update(text).update('\0');
  return h.digest('hex');
}

/** Parses and validates every rule file of `dir`; null data when any file has an error. */
export function precompileRules(dir: string): { data: Precompiled | null; errors: RuleLoadError[] } {
  const files = ruleFilesIn(dir);
  const texts: string[] = [];
  const errors: RuleLoadError[] = [];
  const rules: PrecompiledRule[] = [];
  const taken = new Map<string, string>();
  for (const file of files) {
    const read = readRuleText(file);
    if ('error' in read) {
      errors.push(read.error);
      continue;
    }
    texts.push(read.text);
    const r = parseRules(read.text, file, taken);
    errors.push(...r.errors);
    for (const { spec, source, at, rule } of r.parsed) {
      // The JSON must give back exactly what the schema produced.
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(spec)), spec)) {
        errors.push({ file, line: source.line, column: source.column, message: `rule ${spec.id} does not survive JSON` });
      }
      rules.push({ file: relative(dir, file), line: source.line, column: source.column, at, spec });
      taken.set(rule.id, `${rule.source.file}:${rule.source.line}`);
    }
  }
  if (errors.length) return { data: null, errors };
  const data = { format: FORMAT, hash: hashRules(dir, files, texts), collation: collationKey(), sorted: entryOrder(dir, files), rules };
  return { data, errors };
}

/** The rules of `dir` from precompiled JSON, or null when it is missing, unreadable or stale. */
export function loadPrecompiled(jsonPath: string, dir: string): { rules: Rule[]; files: string[] } | null {
  let data: Precompiled;
  let files: string[];
  const texts: string[] = [];
  try {
    data = JSON.parse(readFileSync(jsonPath, 'utf8'));
    if (data?.format !== FORMAT || typeof data.hash !== 'string' || !Array.isArray(data.rules)) return null;
    files = ruleFilesIn(dir, data.collation === collationKey() && Array.isArray(data.sorted) ? data.sorted : undefined);
    for (const f of files) {
      const read = readRuleText(f);
      if ('error' in read) return null;
      texts.push(read.text);
    }
    if (hashRules(dir, files, texts) !== data.hash) return null;
    // Rules in the order of the files now (the same as at build time unless the locale changed).
    const rank = new Map(files.map((f, i) => [relative(dir, f), i]));
    const stored = [...data.rules].sort((a, b) => rank.get(a.file)! - rank.get(b.file)!);
    const rules = stored.map((r) => compileRule(r.spec, { file: join(dir, r.file), line: r.line, column: r.column }, r.at));
    return { rules, files };
  } catch {
    // Whatever went wrong, the usual path reads the files and reports it properly.
    return null;
  }
}

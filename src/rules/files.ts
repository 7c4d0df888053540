// Where rule files are and reading them: the built-in packs in rules/, *.yaml files of a directory.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleLoadError } from './parse.js';

/** rules/ at the root of the package (the same from src/rules and dist/rules). */
export const BUILTIN_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

export const MAX_FILE_BYTES = 1 << 20;
/** Folders under a rules directory that hold test cases, not rules. */
const NOT_RULES = new Set(['cases']);

const isRuleFile = (name: string) => /\.ya?ml$/i.test(name) && !name.startsWith('.');

/**
 * Rule files of a directory: *.yaml / *.yml in it and in its sub-folders (packs), except cases/;
 * entries in localeCompare order. `sorted` is that order as computed before under the same locale
 * (see precompiled.ts): when it names exactly the entries found, it is used as is, which spares the
 * first localeCompare of the process (~6 ms of ICU set-up).
 */
export function ruleFilesIn(dir: string, sorted?: readonly string[]): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).filter(
    (e) => (e.isFile() && isRuleFile(e.name)) || (e.isDirectory() && !NOT_RULES.has(e.name) && !e.name.startsWith('.')),
  );
  const rank = sorted && sorted.length === entries.length ? new Map(sorted.map((n, i) => [n, i])) : null;
  if (rank && entries.every((e) => rank.has(e.name))) entries.sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
  else entries.sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((e: Dirent) => {
    const p = join(dir, e.name);
    if (e.isFile()) return [p];
    return readdirSync(p).sort().filter((f) => isRuleFile(f) && statSync(join(p, f)).isFile()).map((f) => join(p, f));
  });
}

/** A rule file's text, or why it cannot be read. */
export function readRuleText(file: string): { text: string } | { error: RuleLoadError } {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return { error: { file, message: `rule file larger than ${MAX_FILE_BYTES} bytes` } };
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: { file, message: `cannot read rule file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` } };
  }
}

// Reading rule files: YAML with positions, the schema, then compilation. A file with any problem is
// rejected whole (its errors say file:line:column: reason); the other files still load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
import { compileRule, SpecError, type SpecPath } from './compile.js';
import type { Rule } from './rule.js';
import { RuleFileSpec } from './schema.js';
import { pathText, positionOf } from './yaml-pos.js';

/** rules/ at the root of the package (the same from src/rules and dist/rules). */
export const BUILTIN_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

const MAX_FILE_BYTES = 1 << 20;
const MAX_ERRORS_PER_FILE = 20;
/** Folders under a rules directory that hold test cases, not rules. */
const NOT_RULES = new Set(['cases']);

export interface RuleLoadError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatLoadError(e: RuleLoadError): string {
  return e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}: ${e.message}` : `${e.file}: ${e.message}`;
}

export interface LoadedRules {
  rules: Rule[];
  errors: RuleLoadError[];
  /** Rule files read, in order. */
  files: string[];
}

function zodIssueText(issue: $ZodIssue): { message: string; key?: string } {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    return { message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`, key: keys[0] };
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return { message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { message: issue.message };
}

/** Parses and compiles one rule file's text. `taken` maps ids already loaded to where they were defined. */
export function parseRuleFile(text: string, file: string, taken: ReadonlyMap<string, string> = new Map()): { rules: Rule[]; errors: RuleLoadError[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      rules: [],
      errors: doc.errors.slice(0, MAX_ERRORS_PER_FILE).map((e) => {
        const p = counter.linePos(e.pos[0]);
        return { file, line: p.line, column: p.col, message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { rules: [], errors: [{ file, line: 1, column: 1, message: `YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const at = (path: SpecPath, message: string, key?: string): RuleLoadError => {
    const pos = positionOf(doc, counter, path, key);
    const where = pathText(key === undefined ? path : path);
    return { file, line: pos.line, column: pos.column, message: where ? `${where}: ${message}` : message };
  };
  const parsed = RuleFileSpec.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, MAX_ERRORS_PER_FILE).map((issue) => {
      const { message, key } = zodIssueText(issue);
      return at(issue.path as SpecPath, message, key);
    });
    return { rules: [], errors };
  }
  const rules: Rule[] = [];
  const errors: RuleLoadError[] = [];
  const seen = new Map<string, string>();
  parsed.data.rules.forEach((spec, i) => {
    const idPos = positionOf(doc, counter, ['rules', i, 'id']);
    const here = `${file}:${idPos.line}`;
    const earlier = taken.get(spec.id) ?? seen.get(spec.id);
    if (earlier) {
      errors.push(at(['rules', i, 'id'], `duplicate rule id ${spec.id} (already defined at ${earlier})`));
      return;
    }
    seen.set(spec.id, here);
    try {
      rules.push(compileRule(spec, { file, line: idPos.line, column: idPos.column }, ['rules', i]));
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      errors.push(at(e.path, e.message));
    }
  });
  return errors.length > 0 ? { rules: [], errors } : { rules, errors };
}

const isRuleFile = (name: string) => /\.ya?ml$/i.test(name) && !name.startsWith('.');

/** Rule files of a directory: *.yaml / *.yml in it and in its sub-folders (packs), except cases/. */
export function ruleFilesIn(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isFile() && isRuleFile(e.name)) out.push(p);
    else if (e.isDirectory() && !NOT_RULES.has(e.name) && !e.name.startsWith('.')) {
      for (const f of readdirSync(p).sort()) if (isRuleFile(f) && statSync(join(p, f)).isFile()) out.push(join(p, f));
    }
  }
  return out;
}

export interface LoadOptions {
  /** Load the built-in packs from rules/ (default true). */
  builtin?: boolean;
  /** Extra rule directories (--rules DIR), loaded after the built-in packs. */
  dirs?: string[];
  /** Extra rule files. */
  files?: string[];
}

/** Loads built-in and user rules. Never throws for bad rule files or unreadable directories. */
export function loadRules(opts: LoadOptions = {}): LoadedRules {
  const files: string[] = [];
  const errors: RuleLoadError[] = [];
  const dirs = [...(opts.builtin === false ? [] : [BUILTIN_RULES_DIR]), ...(opts.dirs ?? [])];
  for (const dir of dirs) {
    try {
      files.push(...ruleFilesIn(dir));
    } catch (e) {
      errors.push({ file: dir, message: `cannot read rules directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  }
  files.push(...(opts.files ?? []));
  const rules: Rule[] = [];
  const taken = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > MAX_FILE_BYTES) {
        errors.push({ file, message: `rule file larger than ${MAX_FILE_BYTES} bytes` });
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (e) {
      errors.push({ file, message: `cannot read rule file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    const r = parseRuleFile(text, file, taken);
    errors.push(...r.errors);
    for (const rule of r.rules) {
      rules.push(rule);
      taken.set(rule.id, `${rule.source.file}:${rule.source.line}`);
    }
  }
  return { rules, errors, files };
}

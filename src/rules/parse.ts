// One rule file's text → rules: YAML with positions, the schema, then compilation. A file with any
// problem is rejected whole; its errors say file:line:column: reason.
import type { $ZodIssue } from 'zod/v4/core';
import { compileRule, SpecError, type SpecPath } from './compile.js';
import { yamlLib } from './lazy.js';
import type { Rule, RuleSource } from './rule.js';
import { ruleSchemas, type RuleSpec } from './schema.js';
import { pathText, positionOf } from './yaml-pos.js';

const MAX_ERRORS_PER_FILE = 20;

export interface RuleLoadError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatLoadError(e: RuleLoadError): string {
  return e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}: ${e.message}` : `${e.file}: ${e.message}`;
}

/** A compiled rule with the schema-checked spec it came from (what precompiled.ts stores). */
export interface ParsedRule {
  spec: RuleSpec;
  source: RuleSource;
  /** Path of the rule inside its file. */
  at: SpecPath;
  rule: Rule;
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

/** Like parseRuleFile, keeping each rule's spec and position. */
export function parseRules(text: string, file: string, taken: ReadonlyMap<string, string> = new Map()): { parsed: ParsedRule[]; errors: RuleLoadError[] } {
  const { LineCounter, parseDocument } = yamlLib();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      parsed: [],
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
    return { parsed: [], errors: [{ file, line: 1, column: 1, message: `YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const at = (path: SpecPath, message: string, key?: string): RuleLoadError => {
    const pos = positionOf(doc, counter, path, key);
    const where = pathText(key === undefined ? path : path);
    return { file, line: pos.line, column: pos.column, message: where ? `${where}: ${message}` : message };
  };
  const checked = ruleSchemas().RuleFileSpec.safeParse(data);
  if (!checked.success) {
    const errors = checked.error.issues.slice(0, MAX_ERRORS_PER_FILE).map((issue) => {
      const { message, key } = zodIssueText(issue);
      return at(issue.path as SpecPath, message, key);
    });
    return { parsed: [], errors };
  }
  const parsed: ParsedRule[] = [];
  const errors: RuleLoadError[] = [];
  const seen = new Map<string, string>();
  checked.data.rules.forEach((spec, i) => {
    const idPos = positionOf(doc, counter, ['rules', i, 'id']);
    const here = `${file}:${idPos.line}`;
    const earlier = taken.get(spec.id) ?? seen.get(spec.id);
    if (earlier) {
      errors.push(at(['rules', i, 'id'], `duplicate rule id ${spec.id} (already defined at ${earlier})`));
      return;
    }
    seen.set(spec.id, here);
    const source = { file, line: idPos.line, column: idPos.column };
    try {
      parsed.push({ spec, source, at: ['rules', i], rule: compileRule(spec, source, ['rules', i]) });
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      errors.push(at(e.path, e.message));
    }
  });
  return errors.length > 0 ? { parsed: [], errors } : { parsed, errors };
}

/** Parses and compiles one rule file's text. `taken` maps ids already loaded to where they were defined. */
export function parseRuleFile(text: string, file: string, taken: ReadonlyMap<string, string> = new Map()): { rules: Rule[]; errors: RuleLoadError[] } {
  const { parsed, errors } = parseRules(text, file, taken);
  return { rules: parsed.map((p) => p.rule), errors };
}

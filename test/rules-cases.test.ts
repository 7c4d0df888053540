// Every built-in rule against its cases in rules/cases/<rule-id>.yaml: real corpus patches and small
// diffs that must fire, and near misses that must not. Adding a rule means adding data here; a rule
// without both kinds of case fails the suite.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, formatLoadError, loadRules, BUILTIN_RULES_DIR, type Finding } from '../src/rules/index.js';
import { expectedCount, readCaseFile, type CaseFile, type ExpectedHit } from '../src/rules/cases.js';
import { caseInput } from '../src/rules/case-input.js';
import { CORPUS } from './helpers/corpus.js';

const CASES_DIR = join(BUILTIN_RULES_DIR, 'cases');
const loaded = loadRules();
const caseFiles = new Map<string, { file: string; data: CaseFile }>();
for (const name of readdirSync(CASES_DIR).filter((n) => n.endsWith('.yaml')).sort()) {
  const file = join(CASES_DIR, name);
  caseFiles.set(name.replace(/\.yaml$/, ''), { file, data: readCaseFile(file) });
}

function describeHit(f: Finding): string {
  return `patch ${f.patch.index} ${f.file ?? '-'}:${f.line ?? '-'} ${f.side ?? '-'}: ${f.message}`;
}

function matches(f: Finding, e: ExpectedHit): boolean {
  return (
    (e.patch === undefined || f.patch.index === e.patch) &&
    (e.file === undefined || f.file === e.file) &&
    (e.line === undefined || f.line === e.line) &&
    (e.side === undefined || f.side === e.side) &&
    (e.message === undefined || f.message.includes(e.message))
  );
}

describe('built-in rule packs', () => {
  it('load without errors', () => {
    expect(loaded.errors.map(formatLoadError)).toEqual([]);
    expect(loaded.rules.length).toBeGreaterThanOrEqual(12);
  });

  it('have the ids the issue asks for', () => {
    const ids = loaded.rules.map((r) => r.id);
    for (const id of [
      'mm.struct-page.layout',
      'mm.pgmap.access',
      'mm.pgmap.lifetime',
      'mm.zone-device',
      'mm.node-data',
      'mm.node-states',
      'mm.gfp-flags',
      'api.new-export',
      'abi.sysfs-undocumented',
      'process.signoff-missing',
      'process.cc-missing',
      'process.base-commit-missing',
    ]) {
      expect(ids).toContain(id);
    }
  });

  for (const rule of loaded.rules) {
    it(`${rule.id} has a case file with a firing case and a near miss`, () => {
      const cf = caseFiles.get(rule.id);
      expect(cf, `missing ${join(CASES_DIR, rule.id + '.yaml')}`).toBeDefined();
      expect(cf!.data.rule).toBe(rule.id);
      const counts = cf!.data.cases.map(expectedCount);
      expect(counts.some((n) => n > 0), 'no case that fires').toBe(true);
      expect(counts.some((n) => n === 0), 'no near miss').toBe(true);
      const names = cf!.data.cases.map((c) => c.name);
      expect(new Set(names).size, 'duplicate case names').toBe(names.length);
    });
  }

  it('no case file names a rule that does not exist', () => {
    const ids = new Set(loaded.rules.map((r) => r.id));
    expect([...caseFiles.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect(existsSync(CASES_DIR)).toBe(true);
  });
});

for (const [id, { file, data }] of caseFiles) {
  const rule = loaded.rules.find((r) => r.id === id);
  describe(`${id} (${file.split('/').slice(-2).join('/')})`, () => {
    for (const c of data.cases) {
      it(c.name, async () => {
        expect(rule, `rule ${id} not loaded`).toBeDefined();
        const findings = evaluate([rule!], await caseInput(c, CORPUS));
        const got = findings.map(describeHit);
        expect(findings.length, `findings:\n${got.join('\n')}`).toBe(expectedCount(c));
        if (Array.isArray(c.hits)) {
          c.hits.forEach((e, i) => expect(matches(findings[i], e), `hit ${i + 1} should be ${JSON.stringify(e)}; got\n${got.join('\n')}`).toBe(true));
        }
        for (const f of findings) {
          expect(f.message).not.toMatch(/\{\{|\}\}/);
          expect(f.ruleId).toBe(id);
        }
        expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
      });
    }
  });
}

// Loading rule files: schema errors point at file:line:column, bad files are rejected whole while the
// others load, user directories add packs, and rules are selected by id or dotted prefix.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, formatLoadError, loadRules, parseRuleFile, selectRules, type Rule } from '../src/rules/index.js';
import { parsePatch } from '../src/diff/parse.js';

const GOOD = `rules:
  - id: test.good
    title: Good rule
    severity: info
    rationale: Shows that a good file loads.
    match:
      added: 'foo\\('
`;

function errorsOf(text: string): string[] {
  return parseRuleFile(text, 'x.yaml').errors.map(formatLoadError);
}

describe('rule file errors name file:line:column and the reason', () => {
  it('an unknown key, at the key', () => {
    const text = GOOD.replace('    match:', '    severty: high\n    match:');
    expect(errorsOf(text)).toEqual(['x.yaml:6:5: rules[0]: unknown key "severty"']);
  });

  it('an unknown key inside match', () => {
    const text = GOOD.replace("      added: 'foo\\('", "      added: 'foo\\('\n      adds: x");
    expect(errorsOf(text)).toEqual(['x.yaml:8:7: rules[0].match[0]: unknown key "adds"']);
  });

  it('a bad severity, at the value', () => {
    expect(errorsOf(GOOD.replace('severity: info', 'severity: critical'))).toEqual([
      'x.yaml:4:15: rules[0].severity: expected one of "info", "warn", "high"',
    ]);
  });

  it('a pattern the linear engine refuses, at the pattern', () => {
    const text = GOOD.replace("added: 'foo\\('", () => "added: ['ok', '(a+)+$']");
    const errs = errorsOf(text);
    expect(errs, errs.join('\n')).toHaveLength(1);
    expect(errs[0]).toMatch(/^x\.yaml:7:21: rules\[0\]\.match\[0\]\.added\[1\]: nested repetition in "\(a\+\)\+"/);
  });

  it('backreferences and lookarounds', () => {
    expect(errorsOf(GOOD.replace("'foo\\('", "'(a)\\1'"))[0]).toMatch(/^x\.yaml:7:14: .*backreferences are not supported/);
    expect(errorsOf(GOOD.replace("'foo\\('", "'(?=a)b'"))[0]).toMatch(/lookahead and lookbehind/);
  });

  it('a bad id, a missing rationale, an unknown check, an unknown placeholder', () => {
    expect(errorsOf(GOOD.replace('test.good', 'Test Good'))[0]).toMatch(/^x\.yaml:2:9: rules\[0\]\.id: an id is lowercase words joined by dots/);
    expect(errorsOf(GOOD.replace('    rationale: Shows that a good file loads.\n', ''))[0]).toMatch(/^x\.yaml:2:5: rules\[0\]\.rationale: /);
    const check = GOOD.replace("    match:\n      added: 'foo\\('\n", '    check: no-such-check\n');
    expect(errorsOf(check)).toEqual(['x.yaml:6:12: rules[0].check: unknown check "no-such-check" (known: signoff-missing, cc-missing, base-commit-missing)']);
    const msg = GOOD.replace('    match:', '    message: "{{symbol}} in {{file}}"\n    match:');
    expect(errorsOf(msg)[0]).toMatch(/^x\.yaml:6:14: rules\[0\]\.message: unknown placeholder \{\{symbol\}\}/);
  });

  it('a rule with both match and check, and a match without conditions', () => {
    expect(errorsOf(GOOD.replace('    match:', '    check: signoff-missing\n    match:'))[0]).toMatch(/either match or check/);
    expect(errorsOf(GOOD.replace("      added: 'foo\\('", '      text: raw'))[0]).toMatch(/^x\.yaml:7:7: rules\[0\]\.match\[0\]: a match needs at least one of/);
  });

  it('YAML syntax errors and duplicate keys', () => {
    expect(errorsOf('rules:\n  - id: a.b\n    id: a.c\n')[0]).toMatch(/^x\.yaml:3:5: YAML: Map keys must be unique/);
    expect(errorsOf('rules: [\n')[0]).toMatch(/^x\.yaml:\d+:\d+: YAML: /);
  });

  it('duplicate ids within a file', () => {
    const twice = GOOD + GOOD.replace('rules:\n', '');
    expect(errorsOf(twice)).toEqual(['x.yaml:8:9: rules[1].id: duplicate rule id test.good (already defined at x.yaml:2)']);
  });
});

describe('loading directories', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-rules-'));
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  writeFileSync(join(dir, 'bad.yaml'), GOOD.replace('test.good', 'test.bad').replace('severity: info', 'severity: fatal'));
  writeFileSync(join(dir, 'clash.yaml'), GOOD.replace('test.good', 'mm.pgmap.access'));
  mkdirSync(join(dir, 'pack'));
  writeFileSync(join(dir, 'pack', 'more.yml'), GOOD.replace('test.good', 'test.pack.more'));
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'cases', 'test.good.yaml'), 'rule: test.good\ncases: []\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a rule file');

  it('a bad file is rejected, the other files and the built-in packs still load', () => {
    const { rules, errors } = loadRules({ dirs: [dir] });
    const ids = rules.map((r) => r.id);
    expect(ids).toContain('test.good');
    expect(ids).toContain('test.pack.more');
    expect(ids).toContain('mm.struct-page.layout');
    expect(ids).not.toContain('test.bad');
    expect(errors.map(formatLoadError)).toEqual([
      `${join(dir, 'bad.yaml')}:4:15: rules[0].severity: expected one of "info", "warn", "high"`,
      expect.stringMatching(new RegExp(`^${join(dir, 'clash.yaml')}:2:9: rules\\[0\\]\\.id: duplicate rule id mm\\.pgmap\\.access \\(already defined at .*rules/mm\\.yaml:\\d+\\)$`)),
    ]);
  });

  it('without the built-in packs, and with a directory that does not exist', () => {
    const { rules, errors } = loadRules({ builtin: false, dirs: [dir, join(dir, 'missing')] });
    expect(rules.map((r) => r.id).sort()).toEqual(['mm.pgmap.access', 'test.good', 'test.pack.more']);
    expect(errors.map(formatLoadError)).toContain(`${join(dir, 'missing')}: cannot read rules directory (ENOENT)`);
  });

  it('user rules run like built-in ones', () => {
    const { rules } = loadRules({ builtin: false, dirs: [dir] });
    const diff = parsePatch('diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1,2 @@\n int a;\n+int b = foo(1);\n');
    const findings = evaluate(rules.filter((r) => r.id === 'test.good'), {
      patches: [{ index: 1, msgid: 'm@x', diff, mail: { from: { name: '', email: 'a@b' }, body: '', to: [], cc: [] } }],
    });
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.side, f.message])).toEqual([['test.good', 'x.c', 2, 'new', 'Good rule']]);
  });
});

describe('selecting rules by id and dotted prefix', () => {
  const { rules } = loadRules();
  const ids = (rs: Rule[]) => rs.map((r) => r.id);

  it('--disable mm --enable mm.pgmap.access keeps exactly that mm rule (the more specific wins)', () => {
    const { rules: on, unknown } = selectRules(rules, { disable: ['mm'], enable: ['mm.pgmap.access'] });
    expect(ids(on).filter((id) => id.startsWith('mm.'))).toEqual(['mm.pgmap.access']);
    expect(ids(on)).toContain('api.new-export');
    expect(unknown).toEqual([]);
  });

  it('a prefix matches whole segments only, and equal specificity disables', () => {
    expect(ids(selectRules(rules, { disable: ['mm.pgmap'] }).rules)).not.toContain('mm.pgmap.lifetime');
    expect(ids(selectRules(rules, { disable: ['mm.pg'] }).rules)).toContain('mm.pgmap.lifetime');
    expect(selectRules(rules, { disable: ['mm.pg'] }).unknown).toEqual(['mm.pg']);
    expect(ids(selectRules(rules, { enable: ['api'], disable: ['api'] }).rules)).not.toContain('api.new-export');
    expect(ids(selectRules(rules, { disable: ['all'], enable: ['process'] }).rules).sort()).toEqual([
      'process.base-commit-missing',
      'process.cc-missing',
      'process.signoff-missing',
    ]);
  });

  it('severity overrides by prefix, the most specific winning, without changing the loaded rules', () => {
    const { rules: on } = selectRules(rules, { severity: [['mm', 'info'], ['mm.gfp-flags', 'warn']] });
    const sev = (id: string) => on.find((r) => r.id === id)!.severity;
    expect(sev('mm.pgmap.lifetime')).toBe('info');
    expect(sev('mm.gfp-flags')).toBe('warn');
    expect(sev('process.signoff-missing')).toBe('high');
    expect(rules.find((r) => r.id === 'mm.pgmap.lifetime')!.severity).toBe('high');
  });

  it('rules off by default are turned on by id', () => {
    const { rules: loaded } = { rules: parseRuleFile(GOOD.replace('    match:', '    enabled: false\n    match:'), 'x.yaml').rules };
    expect(selectRules(loaded).rules).toEqual([]);
    expect(ids(selectRules(loaded, { enable: ['test'] }).rules)).toEqual(['test.good']);
  });
});

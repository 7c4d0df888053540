// The built-in packs precompiled at build time (src/rules/precompiled.ts) must give exactly the rules
// and findings of parsing and validating rules/*.yaml, and must be dropped as soon as a yaml file
// changes, appears or goes away.
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILTIN_RULES_DIR, evaluate, inputFromSeries, loadRules, patchFromMail, precompileRules, ruleFilesIn, ruleMeta,
  type LoadOptions, type Rule,
} from '../src/rules/index.js';
import { collationKey } from '../src/rules/precompiled.js';
import { parseMail } from '../src/mail/parse.js';
import type { Mail } from '../src/model/mail.js';
import { loadSources } from '../src/pipeline/load.js';
import { openSource } from '../src/sources/open.js';
import { corpus, ROOT } from './helpers/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'ls-precompiled-'));

/** Precompiles `dir` into a fresh JSON file and returns its path. */
function precompiled(dir: string = BUILTIN_RULES_DIR, edit?: (data: Record<string, unknown>) => void): string {
  const { data, errors } = precompileRules(dir);
  expect(errors).toEqual([]);
  const file = join(mkdtempSync(join(work, 'json-')), 'rules-builtin.json');
  const json = JSON.parse(JSON.stringify(data));
  edit?.(json);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** A copy of the built-in packs to edit. */
function packCopy(): string {
  const dir = mkdtempSync(join(work, 'rules-'));
  cpSync(BUILTIN_RULES_DIR, dir, { recursive: true });
  return dir;
}

/** What a rule is, short of its compiled matchers (compared by what they find). */
function shape(r: Rule): unknown {
  const message = { source: r.message.source, names: r.message.names };
  return r.kind === 'diff'
    ? { ...ruleMeta(r), message, report: r.report, literals: r.literals, alternatives: r.alternatives.length }
    : { ...ruleMeta(r), message, check: r.check.name };
}

function both(opts: LoadOptions = {}) {
  const fast = loadRules({ ...opts, precompiled: precompiled() });
  const slow = loadRules({ ...opts, precompiled: null });
  expect(fast.precompiled).toBe(true);
  expect(slow.precompiled).toBe(false);
  return { fast, slow };
}

async function mailsOf(file: string): Promise<Mail[]> {
  const out: Mail[] = [];
  for await (const raw of openSource(file)) out.push(parseMail(raw).mail);
  return out;
}

function patchFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? patchFiles(p) : n.endsWith('.patch') ? [p] : [];
  });
}

describe('precompiled built-in rules', () => {
  it('are the rules that parsing and validating rules/*.yaml gives', () => {
    const { fast, slow } = both();
    expect(fast.rules.length).toBeGreaterThan(5);
    expect(fast.files).toEqual(slow.files);
    expect(fast.errors).toEqual([]);
    expect(fast.rules.map(shape)).toEqual(slow.rules.map(shape));
    // Scopes decide the same on every path the corpus patches touch.
    const paths = ['mm/page_alloc.c', 'include/linux/mm_types.h', 'Documentation/ABI/testing/sysfs-x', 'tools/mm/x.c', 'drivers/cxl/core/region.c', 'README'];
    for (const [i, r] of fast.rules.entries()) {
      const s = slow.rules[i];
      if (r.kind === 'diff' && s.kind === 'diff') expect(paths.map(r.inScope), r.id).toEqual(paths.map(s.inScope));
    }
  });

  it('find the same on the demo series, the kernel series and every Debian patch', async () => {
    const { fast, slow } = both();
    let total = 0;
    for (const file of ['fenced-nodes-v1.mbox', 'fenced-nodes-v2.mbox']) {
      const l = await loadSources([join(ROOT, 'patches', file)]);
      const input = inputFromSeries(l.model.series[0], l.mails);
      const found = evaluate(fast.rules, input);
      expect(found).toEqual(evaluate(slow.rules, input));
      total += found.length;
    }
    const files = [...readdirSync(corpus('kernel/series')).map((n) => corpus('kernel/series', n)), ...patchFiles(corpus('kernel/debian-patches'))];
    for (const file of files) {
      for (const [i, mail] of (await mailsOf(file)).entries()) {
        const input = { patches: [patchFromMail(mail, i + 1)] };
        const found = evaluate(fast.rules, input);
        expect(found, file).toEqual(evaluate(slow.rules, input));
        total += found.length;
      }
    }
    expect(total).toBeGreaterThan(100);
  });

  it('load user rule directories after them as before, duplicates of built-in ids included', () => {
    const dir = mkdtempSync(join(work, 'user-'));
    writeFileSync(join(dir, 'dup.yaml'), readFileSync(join(BUILTIN_RULES_DIR, 'api.yaml')));
    writeFileSync(join(dir, 'own.yaml'), 'rules:\n  - id: local.thing\n    title: t\n    severity: info\n    rationale: r\n    match:\n      added: foo\n');
    const { fast, slow } = both({ dirs: [dir, join(dir, 'missing')] });
    expect(fast.errors).toEqual(slow.errors);
    expect(fast.errors.map((e) => e.message)).toEqual([
      'cannot read rules directory (ENOENT)',
      expect.stringMatching(/^rules\[0\]\.id: duplicate rule id api\.new-export \(already defined at .*rules\/api\.yaml:3\)$/),
    ]);
    expect(fast.rules.map(shape)).toEqual(slow.rules.map(shape));
    expect(fast.rules.at(-1)!.id).toBe('local.thing');
  });

  it('are stale once a yaml file is edited, added or removed, and then the yaml is read', () => {
    const dir = packCopy();
    const json = precompiled(dir);
    const load = () => loadRules({ builtinDir: dir, precompiled: json });
    expect(load().precompiled).toBe(true);

    const mm = join(dir, 'mm.yaml');
    const text = readFileSync(mm, 'utf8');
    const title = /title: (.+)/.exec(text)![1];
    writeFileSync(mm, text.replace(title, 'Edited title'));
    const edited = load();
    expect(edited.precompiled).toBe(false);
    expect(edited.rules.map((r) => r.title)).toContain('Edited title');
    expect(edited.rules.map((r) => r.title)).not.toContain(title);

    writeFileSync(mm, text);
    expect(load().precompiled).toBe(true);
    writeFileSync(join(dir, 'zz.yaml'), 'rules:\n  - id: zz.new\n    title: t\n    severity: info\n    rationale: r\n    match:\n      added: foo\n');
    expect(load().precompiled).toBe(false);
    expect(load().rules.at(-1)!.id).toBe('zz.new');
    rmSync(join(dir, 'zz.yaml'));
    expect(load().precompiled).toBe(true);
    rmSync(join(dir, 'abi.yaml'));
    expect(load().precompiled).toBe(false);
    expect(load().rules.some((r) => r.id.startsWith('abi.'))).toBe(false);
  });

  it('are stale when the file is damaged or from another format, and a broken pack is never precompiled', () => {
    const dir = packCopy();
    const json = precompiled(dir);
    writeFileSync(json, readFileSync(json, 'utf8').slice(0, 100));
    expect(loadRules({ builtinDir: dir, precompiled: json }).precompiled).toBe(false);
    expect(loadRules({ builtinDir: dir, precompiled: precompiled(dir, (d) => (d.format = 0)) }).precompiled).toBe(false);
    expect(loadRules({ builtinDir: dir, precompiled: join(dir, 'none.json') }).precompiled).toBe(false);

    appendFileSync(join(dir, 'api.yaml'), '    severty: high\n');
    const { data, errors } = precompileRules(dir);
    expect(data).toBeNull();
    expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/unknown key "severty"/)]));
  });

  it('keep the file order of the locale: the stored order only under the same collation, else sorted again', () => {
    const dir = packCopy();
    const names = ruleFilesIn(dir).map((f) => f.slice(dir.length + 1));
    expect(names).toEqual(['abi.yaml', 'api.yaml', 'mm.yaml', 'process.yaml']);
    // A stored order is taken when it names exactly the entries found, and only then.
    const reversed = [...names].reverse();
    expect(ruleFilesIn(dir, reversed).map((f) => f.slice(dir.length + 1))).toEqual(reversed);
    expect(ruleFilesIn(dir, reversed.slice(1)).map((f) => f.slice(dir.length + 1))).toEqual(names);
    expect(ruleFilesIn(dir, [...reversed.slice(1), 'other.yaml']).map((f) => f.slice(dir.length + 1))).toEqual(names);

    const ids = loadRules({ builtinDir: dir, precompiled: null }).rules.map((r) => r.id);
    const stored = precompiled(dir, (d) => {
      expect(d.collation).toBe(collationKey());
      expect(d.sorted).toEqual(names);
    });
    expect(loadRules({ builtinDir: dir, precompiled: stored }).rules.map((r) => r.id)).toEqual(ids);
    // Built under another locale: the stored order is not trusted, the files are sorted here.
    const other = precompiled(dir, (d) => {
      d.collation = collationKey({ LANG: 'et_EE.UTF-8' });
      d.sorted = reversed;
    });
    const loaded = loadRules({ builtinDir: dir, precompiled: other });
    expect(loaded.precompiled).toBe(true);
    expect(loaded.rules.map((r) => r.id)).toEqual(ids);
    expect(collationKey({ LANG: 'et_EE.UTF-8' })).not.toBe(collationKey({ LANG: 'C.UTF-8' }));
  });
});

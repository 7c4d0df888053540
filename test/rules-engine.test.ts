// The engine end to end: finding shape, fingerprints that survive a reroll, report grouping, hostile
// input, and every real patch of the corpus evaluated without a crash and with plausible findings.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { evaluate, inputFromSeries, loadRules, parseRuleFile, patchFromMail, type EvalPatch, type Finding } from '../src/rules/index.js';
import { parsePatch } from '../src/diff/parse.js';
import { parseMail } from '../src/mail/parse.js';
import type { Mail } from '../src/model/mail.js';
import { loadSources } from '../src/pipeline/load.js';
import { openSource } from '../src/sources/open.js';
import { corpus, ROOT } from './helpers/corpus.js';

const { rules } = loadRules();

async function mailsOf(file: string): Promise<Mail[]> {
  const out: Mail[] = [];
  for await (const raw of openSource(file)) out.push(parseMail(raw).mail);
  return out;
}

function synthetic(diff: string, msgid = 'p1@test'): EvalPatch {
  const d = parsePatch(diff);
  expect(d.warnings).toEqual([]);
  return { index: 1, msgid, diff: d, mail: { from: { name: 'A', email: 'a@example.com' }, body: 'x\n\nSigned-off-by: A <a@example.com>\n', to: [], cc: [] } };
}

describe('findings', () => {
  it('carry rule, severity, patch, place, text and message', async () => {
    const [mail] = await mailsOf(corpus('kernel/series/nvidia-uvm-page_pgmap-6.12.patch'));
    const findings = evaluate(rules.filter((r) => r.id === 'mm.pgmap.access'), { patches: [patchFromMail(mail)] });
    expect(findings[0]).toEqual({
      ruleId: 'mm.pgmap.access',
      severity: 'warn',
      title: "New or changed read of a page's dev_pagemap",
      message: "reads a page's pgmap: UVM_ASSERT(page_pgmap(dpage)->owner == &g_uvm_global);",
      patch: { index: 6, msgid: mail.msgid },
      file: 'kernel-open/nvidia-uvm/uvm_hmm.c',
      line: 1994,
      side: 'new',
      text: '    UVM_ASSERT(page_pgmap(dpage)->owner == &g_uvm_global);',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('keep their fingerprints from v1 to v2 of the demo series, though patch numbers and msgids change', async () => {
    const run = async (file: string) => {
      const l = await loadSources([join(ROOT, 'patches', file)]);
      return evaluate(rules, inputFromSeries(l.model.series[0], l.mails));
    };
    const v1 = await run('fenced-nodes-v1.mbox');
    const v2 = await run('fenced-nodes-v2.mbox');
    const regionHits = (fs: Finding[]) => fs.filter((f) => f.file === 'drivers/cxl/core/region.c');
    const r1 = regionHits(v1);
    const r2 = regionHits(v2);
    expect(r1.length).toBeGreaterThanOrEqual(5);
    expect(r1[0].patch.msgid).not.toBe(r2[0].patch.msgid);
    expect(r1[0].patch.index).not.toBe(r2[0].patch.index);
    expect(r2.map((f) => f.fingerprint)).toEqual(r1.map((f) => f.fingerprint));
    // A hit that exists only in v2 has a fingerprint v1 never had.
    const old = new Set(v1.map((f) => f.fingerprint));
    const fresh = v2.filter((f) => !old.has(f.fingerprint));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f) => !v1.some((g) => g.ruleId === f.ruleId && g.file === f.file && g.text.trim() === f.text.trim()))).toBe(true);
  });

  it('fingerprints ignore line numbers and indentation, but count repeats', () => {
    const rule = rules.filter((r) => r.id === 'api.new-export');
    const v1 = synthetic('diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -10,2 +10,4 @@ int f(void)\n }\n+EXPORT_SYMBOL(f);\n+EXPORT_SYMBOL(f);\n int g;\n');
    const v2 = synthetic('diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -40,2 +40,4 @@ int f(void)\n }\n+ EXPORT_SYMBOL(f);\n+EXPORT_SYMBOL(f);\n int g;\n', 'other@test');
    const f1 = evaluate(rule, { patches: [v1] });
    const f2 = evaluate(rule, { patches: [v2] });
    expect(f1.map((f) => f.line)).toEqual([11, 12]);
    expect(f2.map((f) => f.line)).toEqual([41, 42]);
    expect(f1[0].fingerprint).not.toBe(f1[1].fingerprint);
    expect(f2.map((f) => f.fingerprint)).toEqual(f1.map((f) => f.fingerprint));
  });
});

describe('report grouping', () => {
  const pack = (report: string) =>
    parseRuleFile(
      `rules:\n  - id: t.calls\n    title: t\n    severity: info\n    rationale: r\n    report: ${report}\n    message: "{{count}} from {{text}}"\n    match:\n      added: 'call\\('\n`,
      'g.yaml',
    ).rules;
  const patch = synthetic(
    'diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,4 @@\n x;\n+call(1);\n+call(2);\n y;\n@@ -20,2 +22,3 @@\n z;\n+call(3);\n w;\n' +
      'diff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n@@ -1 +1,2 @@\n x;\n+call(4);\n',
  );
  it.each([
    ['line', ['1 from call(1);', '1 from call(2);', '1 from call(3);', '1 from call(4);']],
    ['hunk', ['2 from call(1);', '1 from call(3);', '1 from call(4);']],
    ['file', ['3 from call(1);', '1 from call(4);']],
    ['patch', ['4 from call(1);']],
  ])('report: %s', (report, messages) => {
    expect(evaluate(pack(report), { patches: [patch] }).map((f) => f.message)).toEqual(messages);
  });
});

describe('heading and raw-text conditions', () => {
  const pack = parseRuleFile(
    `rules:
  - id: t.migrate-todo
    title: TODO added in a migrate function
    severity: info
    rationale: r
    message: "{{text}} in {{heading}}"
    match:
      added: 'TODO'
      heading: '^static .*\\bmigrate_\\w+\\('
      text: raw
  - id: t.code-todo
    title: TODO in code (never, comments are blanked)
    severity: info
    rationale: r
    match:
      added: 'TODO'
`,
    'h.yaml',
  );
  it('the heading in force is git\'s hunk heading, then any definition started inside the hunk', () => {
    expect(pack.errors).toEqual([]);
    const patch = synthetic(
      'diff --git a/mm/migrate.c b/mm/migrate.c\n--- a/mm/migrate.c\n+++ b/mm/migrate.c\n' +
        '@@ -10,3 +10,9 @@ static int migrate_folio_move(struct folio *src)\n {\n+\t/* TODO: locking */\n \treturn 0;\n }\n+static int other(void)\n+{\n+\t/* TODO: later */\n+\treturn 1;\n+}\n',
    );
    expect(evaluate(pack.rules, { patches: [patch] }).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      't.migrate-todo: /* TODO: locking */ in static int migrate_folio_move(struct folio *src)',
    ]);
  });
});

describe('hostile input stays linear', () => {
  it('a 2 MB added line and a 100k-line hunk against every rule plus a pattern that is exponential elsewhere', () => {
    const extra = parseRuleFile(`rules:\n  - id: t.evil\n    title: t\n    severity: info\n    rationale: r\n    match:\n      changed: '(a|aa)*b'\n`, 'e.yaml');
    expect(extra.errors).toEqual([]);
    const long = 'a'.repeat(2_000_000) + '!';
    const many = Array.from({ length: 100_000 }, (_, i) => `+\tstruct page *p${i} = NODE_DATA(${i})->node_mem_map; /* ${'{'.repeat(i % 7)} */`).join('\n');
    const diff = `diff --git a/mm/x.c b/mm/x.c\n--- a/mm/x.c\n+++ b/mm/x.c\n@@ -1 +1,2 @@ struct page {\n x\n+${long}\n` +
      `diff --git a/include/linux/mm_types.h b/include/linux/mm_types.h\n--- a/include/linux/mm_types.h\n+++ b/include/linux/mm_types.h\n@@ -0,0 +1,100000 @@ struct page {\n${many}\n`;
    const t0 = performance.now();
    const findings = evaluate([...rules, ...extra.rules], { patches: [synthetic(diff)] });
    const ms = performance.now() - t0;
    expect(findings.filter((f) => f.ruleId === 'mm.node-data')).toHaveLength(100_000);
    expect(findings.filter((f) => f.ruleId === 'mm.struct-page.layout').map((f) => f.message)).toEqual(['struct page layout changes here (100000 changed line(s) in this hunk)']);
    expect(findings.some((f) => f.ruleId === 't.evil')).toBe(false);
    expect(ms).toBeLessThan(15_000);
  });
});

function patchFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? patchFiles(p) : n.endsWith('.patch') ? [p] : [];
  });
}

describe('the whole corpus', () => {
  it('every Debian kernel patch evaluates, and findings are plausible', async () => {
    const root = corpus('kernel/debian-patches');
    const byPatch = new Map<string, Finding[]>();
    for (const file of patchFiles(root)) {
      const [mail] = await mailsOf(file);
      const input = { patches: [patchFromMail(mail, 1)] };
      const findings = evaluate(rules, input);
      for (const f of findings) {
        expect(f.message).not.toMatch(/\{\{/);
        if (f.file === null) continue;
        // The reported line exists on the reported side of that file's hunks.
        const fd = input.patches[0].diff.files.find((x) => x.path === f.file)!;
        const lines = fd.hunks.flatMap((h) => h.lines).filter((l) => (f.side === 'new' ? l.newLine : l.oldLine) === f.line);
        expect(lines.map((l) => l.text)).toContain(f.text);
      }
      byPatch.set(relative(root, file), findings);
    }
    expect(byPatch.size).toBe(166);
    const ids = (p: string) => [...new Set(byPatch.get(p)!.map((f) => f.ruleId))].sort();
    expect(ids('bugfix/all/disable-some-marvell-phys.patch')).toEqual(['process.base-commit-missing', 'process.signoff-missing']);
    // Debian's own patches do not touch mm internals: any mm.* finding would be a false positive.
    expect([...byPatch.values()].flat().filter((f) => f.ruleId.startsWith('mm.'))).toEqual([]);
    // Differential checks against a plain reading of the raw files.
    for (const [name, findings] of byPatch) {
      const raw = readFileSync(join(root, name), 'utf8');
      const exports = raw.split('\n').filter((l) => /^\+\s*EXPORT_SYMBOL/.test(l)).length;
      expect(findings.filter((f) => f.ruleId === 'api.new-export').length, name).toBe(exports);
      // DEP-3 headers (Author:, no From:) name no mail author: nothing to check.
      const author = /^From: .*<([^>]+)>/m.exec(raw)?.[1].toLowerCase();
      const signed = !author || raw.split('\n').some((l) => /^signed-off-by:/i.test(l) && l.toLowerCase().includes(`<${author}>`));
      expect(findings.some((f) => f.ruleId === 'process.signoff-missing'), name).toBe(!signed);
    }
    expect([...byPatch.values()].flat().filter((f) => f.ruleId === 'process.signoff-missing').length).toBeGreaterThan(20);
  });

  it('the folio and DAMON series: struct page layout hits only in mm_types.h, at the known patches', async () => {
    const mails = await mailsOf(corpus('kernel/series/folio-5.17.mbox'));
    const layout: string[] = [];
    for (const [i, mail] of mails.entries()) {
      for (const f of evaluate(rules.filter((r) => r.id === 'mm.struct-page.layout'), { patches: [patchFromMail(mail, i + 1)] })) {
        layout.push(`${mail.subject} | ${f.file}:${f.line}`);
      }
    }
    expect(layout).toEqual([
      'mm/munlock: maintain page->mlock_count while unevictable | include/linux/mm_types.h:88',
      'mm/munlock: maintain page->mlock_count while unevictable | include/linux/mm_types.h:244',
      'mm: Make compound_pincount always available | include/linux/mm_types.h:138',
    ]);
    const damon = await mailsOf(corpus('kernel/series/damon-5.15.mbox'));
    const all = damon.flatMap((m, i) => evaluate(rules, { patches: [patchFromMail(m, i + 1)] }));
    expect(all.filter((f) => f.ruleId.startsWith('mm.'))).toEqual([]);
  });
});

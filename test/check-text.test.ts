// `check` text on the real RFC v4 thread: one entry per patch and rule by default, every matched
// line with --all, and every finding still accounted for.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/review.js';
import { compactLines, compactLocations, groupFindings } from '../src/views/check/group.js';
import { cli, corpus } from './helpers/corpus.js';

const RFC_V4 = corpus('real', 'rfc-v4', 'private-memory-nodes-v4.mbox');
const MAINT = corpus('kernel', 'MAINTAINERS-6.12');
const ENTRY = /^ {2}(high|warn|info) {2}(\S+?)(?: ×(\d+))? {2}(.*)$/;

interface Json { findings: Finding[]; series: { patches: { index: number; subject: string }[] }[] }

describe('check text on the RFC v4 thread (MAINTAINERS-6.12)', () => {
  let json: Json;
  let text: string;
  let all: string;
  beforeAll(() => {
    const args = ['check', RFC_V4, '--maintainers', MAINT, '--fail-on', 'none'];
    json = JSON.parse(cli([...args, '--json']).stdout);
    text = cli(args).stdout;
    all = cli([...args, '--all']).stdout;
  });

  it('writes one entry per patch and rule, with the count, and accounts for every finding', () => {
    const groups = new Map<string, Finding[]>();
    for (const f of json.findings) {
      const k = `${f.patchIndex} ${f.ruleId}`;
      groups.set(k, [...(groups.get(k) ?? []), f]);
    }
    // Entries, with the patch whose heading they are under.
    const entries: { patch: number; rule: string; count: number; rest: string }[] = [];
    let patch = -1;
    for (const line of text.split('\n')) {
      const head = /^\[.*?(\d+)\/27\]/.exec(line);
      if (head) patch = Number(head[1]);
      const m = ENTRY.exec(line);
      if (m) entries.push({ patch, rule: m[2], count: Number(m[3] ?? 1), rest: m[4] });
    }
    expect(json.findings.length).toBe(140);
    expect(entries.length).toBe(groups.size);
    expect(entries.reduce((n, e) => n + e.count, 0)).toBe(json.findings.length);
    for (const e of entries) {
      const list = groups.get(`${e.patch} ${e.rule}`);
      expect(list, `${e.patch} ${e.rule}`).toBeDefined();
      expect(e.count).toBe(list!.length);
      // Every line the rule matched in the first file is listed (compactly) on the entry's line.
      const first = list!.find((f) => f.file);
      if (first) {
        const lines = list!.filter((f) => f.file === first.file && f.line !== null).map((f) => f.line!);
        expect(e.rest).toContain(`${first.file}:${compactLines(lines)}`);
      }
    }
    // Patch 1 alone had 19 lines of warnings: now one per rule.
    expect(entries.filter((e) => e.patch === 1).map((e) => [e.rule, e.count])).toEqual([['mm.node-states', 7], ['mm.node-data', 8], ['api.new-export', 4]]);
    expect(text.split('\n').length).toBeLessThan(170);
    expect(text).toMatch(/^140 findings: 4 high, 135 warn, 1 info \(1 series, 27 patches\); 45 entries, one per patch and rule \(--all: one per matched line\)$/m);
  });

  it('shows the first matched line of each entry', () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => /^ {2}warn {2}mm\.node-data ×8 /.test(l));
    expect(lines[i + 1].trim()).toBe('+ pgdat = NODE_DATA(nid);');
  });

  it('--all writes every matched line, as before grouping', () => {
    const entries = all.split('\n').filter((l) => /^ {2}(high|warn|info) {2}\S+ {2}/.test(l));
    expect(entries.length).toBe(json.findings.length);
    expect(all.split('\n').length).toBeGreaterThan(330);
    expect(all).not.toContain('entries, one per patch and rule');
  });

  it('keeps every location in JSON and SARIF', () => {
    const sarif = JSON.parse(cli(['check', RFC_V4, '--maintainers', MAINT, '--fail-on', 'none', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.length).toBe(json.findings.length);
  });
});

describe('grouping findings', () => {
  const f = (over: Partial<Finding>): Finding => ({
    ruleId: 'r', severity: 'warn', title: 't', message: 'm', rationale: '', patchIndex: 1, msgid: 'a@b',
    file: 'x.c', line: 1, side: 'new', text: 'x', fingerprint: '', ...over,
  });

  it('puts the most severe rule of a patch first and keeps patches in order', () => {
    const g = groupFindings([f({ patchIndex: 2 }), f({ ruleId: 'h', severity: 'high', line: 9 }), f({ line: 3 }), f({ line: 2 })]);
    expect(g.map((x) => [x.patchIndex, x.ruleId, x.findings.map((y) => y.line)])).toEqual([[1, 'h', [9]], [1, 'r', [2, 3]], [2, 'r', [1]]]);
  });

  it('writes line numbers once, with runs as ranges, and cuts long lists', () => {
    expect(compactLines([7, 3, 4, 5, 7, 10])).toBe('3-5,7,10');
    const many = Array.from({ length: 12 }, (_, i) => f({ file: `dir/file${i}.c`, line: i * 10 }));
    const loc = compactLocations(many, 60);
    expect(loc.length).toBeLessThan(90);
    expect(loc).toMatch(/^dir\/file0\.c:0 dir\/file1\.c:10 .* \(\+\d+ more files\)$/);
    const oneFile = Array.from({ length: 80 }, (_, i) => f({ line: i * 2 }));
    expect(compactLocations(oneFile, 40)).toMatch(/^x\.c:0,2,4,.*,…$/);
  });
});

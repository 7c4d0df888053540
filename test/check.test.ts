// `lorescope check`: exit codes, formats (SARIF validated against the 2.1.0 schema), --git, real patches.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { cli, corpus, ROOT } from './helpers/corpus.js';
import { escapeData, escapeProperty } from '../src/views/check/github.js';

const MAINT = corpus('kernel/MAINTAINERS-6.12');

describe('check on the demo', () => {
  it('exits 1 on high findings by default, 0 with --fail-on none, and every mm.* rule fires', () => {
    const r = cli(['check', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.failed).toBe(true);
    const ids = new Set(j.findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of ['mm.struct-page.layout', 'mm.pgmap.access', 'mm.pgmap.lifetime', 'mm.zone-device', 'mm.node-data', 'mm.node-states', 'mm.gfp-flags', 'api.new-export', 'abi.sysfs-undocumented']) expect(ids).toContain(id);
    expect(cli(['check', '--fail-on', 'none']).code).toBe(0);
  });

  it('struct page layout finding sits on the mm_types.h line of v2 1/5', () => {
    const j = JSON.parse(cli(['check', '--json']).stdout);
    const f = j.findings.find((x: { ruleId: string; msgid: string }) => x.ruleId === 'mm.struct-page.layout' && x.msgid === '20240311094207.40112-2-mira.castellano@example.com');
    expect(f).toMatchObject({ file: 'include/linux/mm_types.h', patchIndex: 1, severity: 'high' });
    // v2 first removes `void *zone_device_data;` to re-add it inside a union: the hit is on the old side.
    expect(f.side).toBe('old');
    const mbox = readFileSync(join(ROOT, 'patches/fenced-nodes-v2.mbox'), 'utf8');
    expect(mbox).toContain(f.text);
  });

  it('with MAINTAINERS, missing recipients are reported per patch: damon list on v2 4/5, BITMAP API on 1/5', () => {
    const j = JSON.parse(cli(['check', '--json', '--maintainers', MAINT, '--fail-on', 'none']).stdout);
    const cc = j.findings.filter((f: { ruleId: string; msgid: string }) => f.ruleId === 'process.cc-missing' && f.msgid.startsWith('20240311'));
    // nodemask.h belongs to BITMAP API (Yury Norov, Rasmus Villemoes), whom the demo does not Cc.
    expect(cc.map((f: { patchIndex: number; text: string }) => [f.patchIndex, f.text])).toEqual([
      [1, 'linux@rasmusvillemoes.dk, yury.norov@gmail.com'],
      [4, 'damon@lists.linux.dev'],
    ]);
    expect(j.series[1].patches[3].missingRecipients).toEqual([expect.objectContaining({ email: 'damon@lists.linux.dev', role: 'list' })]);
  });

  it('--disable by prefix and --enable of one rule', () => {
    const j = JSON.parse(cli(['check', '--json', '--disable', 'mm', '--enable', 'mm.pgmap.access', '--fail-on', 'none']).stdout);
    const mm = new Set(j.findings.map((f: { ruleId: string }) => f.ruleId).filter((id: string) => id.startsWith('mm.')));
    expect([...mm]).toEqual(['mm.pgmap.access']);
  });

  it('SARIF validates against the SARIF 2.1.0 schema and carries our fingerprints', () => {
    const r = cli(['check', '--format', 'sarif', '--maintainers', MAINT]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run.results.length).toBeGreaterThan(20);
    for (const res of run.results) {
      expect(res.partialFingerprints['lorescope/v1']).toMatch(/\S/);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\//);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    }
  });

  it('GitHub annotations escape data and properties', () => {
    expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeProperty('x:y,z')).toBe('x%3Ay%2Cz');
    const r = cli(['check', '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) (file=[^,]+,line=\d+,)?title=[^:]+::\S/);
  });

  it('identical findings keep their fingerprint from v1 to v2', () => {
    const j = JSON.parse(cli(['check', '--json']).stdout);
    const cxl = (prefix: string) => j.findings.filter((f: { msgid: string; file: string }) => f.msgid.startsWith(prefix) && f.file === 'drivers/cxl/core/region.c').map((f: { fingerprint: string }) => f.fingerprint).sort();
    expect(cxl('20240304081530.23817-3')).toEqual(cxl('20240311094207.40112-4'));
  });
});

describe('check on real patches', () => {
  const files = execFileSync('find', [corpus('kernel/debian-patches'), '-name', '*.patch'], { encoding: 'utf8' }).trim().split('\n').sort();

  it('runs over all 166 Debian kernel patches without a crash', () => {
    const r = cli(['check', '--json', '--fail-on', 'none', corpus('kernel/debian-patches/bugfix'), corpus('kernel/debian-patches/debian'), corpus('kernel/debian-patches/features')]);
    expect(files.length).toBe(166);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const j = JSON.parse(r.stdout);
    expect(j.findings.length).toBeGreaterThan(0);
  });

  it('spot checks: exports and missing sign-offs where a grep says so', () => {
    const exp = corpus('kernel/debian-patches/debian/export-symbols-needed-by-android-drivers.patch');
    const j = JSON.parse(cli(['check', '--json', '--fail-on', 'none', exp]).stdout);
    const exports = j.findings.filter((f: { ruleId: string }) => f.ruleId === 'api.new-export');
    const added = readFileSync(exp, 'utf8').split('\n').filter((l) => /^\+EXPORT_SYMBOL/.test(l));
    expect(exports.length).toBe(added.length);
    expect(j.findings.some((f: { ruleId: string }) => f.ruleId.startsWith('mm.'))).toBe(false);
    const tiers = JSON.parse(cli(['check', '--json', '--fail-on', 'none', corpus('kernel/series/memory-tiers-6.0.patch')]).stdout);
    const tierIds = new Set(tiers.findings.map((f: { ruleId: string }) => f.ruleId));
    expect(tierIds).toContain('mm.node-states');
    expect(tierIds).toContain('mm.node-data');
    const uvm = JSON.parse(cli(['check', '--json', '--fail-on', 'none', corpus('kernel/series/nvidia-uvm-page_pgmap-6.12.patch')]).stdout);
    expect(uvm.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('mm.pgmap.access');
  });
});

describe('check --git', () => {
  it('checks a repository range through format-patch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-check-git-'));
    const repo = join(dir, 'r');
    cpSync(join(ROOT, 'patches/base-tree'), repo, { recursive: true });
    const env = { ...process.env, HOME: dir, GIT_AUTHOR_NAME: 'Sub Mitter', GIT_AUTHOR_EMAIL: 'sub@example.org', GIT_COMMITTER_NAME: 'Sub Mitter', GIT_COMMITTER_EMAIL: 'sub@example.org' };
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, env, encoding: 'utf8' });
    git('init', '-q'); git('add', '-A'); git('commit', '-qm', 'base');
    const f = join(repo, 'mm/memory-tiers.c');
    writeFileSync(f, readFileSync(f, 'utf8') + '\nint fenced_probe(int nid)\n{\n\treturn NODE_DATA(nid) != NULL;\n}\nEXPORT_SYMBOL(fenced_probe);\n');
    git('commit', '-qam', 'mm: add fenced_probe');
    const r = cli(['check', '--git', repo, '--range', 'HEAD~1..HEAD', '--json', '--fail-on', 'warn']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    const ids = j.findings.map((x: { ruleId: string }) => x.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['mm.node-data', 'api.new-export', 'process.signoff-missing']));
    expect(cli(['check', '--git', repo, '--range', 'nosuchref..HEAD']).code).toBe(2);
  });
});

// MAINTAINERS parsing, get_maintainer.pl's reading of patches, regex translation and its guards,
// pre-submit recipients, subsystem tags and the output shapes, on the real 6.12 MAINTAINERS and
// real patches from the corpus. (Exact output parity is in maintainers-corpus/-differential.)

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  filesFromPatch,
  formatGetMaintainer,
  formatTable,
  loadMaintainers,
  matchFiles,
  matchPatch,
  missingRecipients,
  perlToJsRegex,
  scanPatch,
  sectionTags,
  tagFromList,
  toJson,
  type MaintainersDb,
} from '../src/maintainers/index.js';
import { addressesInText } from '../src/maintainers/file-emails.js';
import { KERNEL, MAINTAINERS_612 } from './maintainers-helpers.js';

const text = readFileSync(MAINTAINERS_612, 'utf8');
const patch = (rel: string) => readFileSync(path.join(KERNEL, 'debian-patches', rel), 'utf8');
let db: MaintainersDb;

beforeAll(() => {
  db = loadMaintainers({ text }).db;
});

describe('loading MAINTAINERS 6.12', () => {
  it('loads quickly, without errors, with one section per name line', () => {
    const runs: number[] = [];
    let result = loadMaintainers({ text });
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      result = loadMaintainers({ text });
      runs.push(performance.now() - t0);
    }
    console.log(`MAINTAINERS-6.12 load: ${runs.map((r) => r.toFixed(1)).join(', ')} ms`);
    expect(Math.min(...runs)).toBeLessThan(300);
    expect(result.errors).toEqual([]);
    // A section is a non-field, non-blank line directly followed by a field line.
    const raw = text.split('\n');
    const names = raw.filter((l, i) => l !== '' && !/^[A-Z]:/.test(l) && !/^\s*#/.test(l) && /^[A-Z]:/.test(raw[i + 1] ?? ''));
    expect(result.db.sections.map((s) => s.name)).toEqual(names);
    expect(result.db.patterns.length).toBe(raw.filter((l) => /^[FX]:/.test(l)).length);
  });

  it('reports bad lines with their line numbers and still uses the rest', () => {
    const raw = text.split('\n');
    const cxl = raw.indexOf('COMPUTE EXPRESS LINK (CXL)');
    const mm = raw.indexOf('MEMORY MANAGEMENT');
    expect(cxl).toBeGreaterThan(0);
    expect(mm).toBeGreaterThan(cxl);
    const broken = [...raw];
    broken.splice(mm + 2, 0, 'N:\t(unclosed');
    broken.splice(cxl + 2, 0, 'this line is not a field', 'Z:\tunknown field');
    const { db: bad, errors } = loadMaintainers({ text: broken.join('\n') });
    expect(errors.map((e) => [e.line, e.message.split(' ')[0]])).toEqual([
      [cxl + 3, 'text'],
      [cxl + 4, 'unknown'],
      [mm + 5, 'unusable'],
    ]);
    // Like the script, the stray line names the fields after it; other sections are unaffected.
    const region = formatGetMaintainer(matchFiles(bad, ['drivers/cxl/core/region.c'], { keywords: false }));
    expect(region).toContain('(open list:this line is not a field)');
    for (const f of ['mm/page_alloc.c', 'kernel/cgroup/cgroup.c']) {
      expect(formatGetMaintainer(matchFiles(bad, [f], { keywords: false }))).toBe(formatGetMaintainer(matchFiles(db, [f], { keywords: false })));
    }
  });
});

describe('pattern semantics (get_maintainer.pl: dir/ vs dir/* vs globs, X:, depth)', () => {
  const mini = `SUBTREE
M:	A <a@example.org>
S:	Maintained
F:	drivers/foo/

ONE LEVEL
M:	B <b@example.org>
S:	Maintained
F:	drivers/foo/*
X:	drivers/foo/skip.c

GLOB
M:	C <c@example.org>
S:	Maintained
F:	drivers/foo/bar/*.[ch]
`;
  const mdb = () => loadMaintainers({ text: mini }).db;
  const names = (d: MaintainersDb, f: string, depth = 0) =>
    matchFiles(d, [f], { keywords: false, patternDepth: depth }).matches[0].sections.map((s) => d.sections[s.section].name);

  it('dir/ covers the subtree, dir/* only that directory, X: removes a section', () => {
    const d = mdb();
    expect(names(d, 'drivers/foo/a.c')).toEqual(['ONE LEVEL', 'SUBTREE']);
    expect(names(d, 'drivers/foo/skip.c')).toEqual(['SUBTREE']);
    expect(names(d, 'drivers/foo/bar/x.c')).toEqual(['GLOB', 'SUBTREE']);
    expect(names(d, 'drivers/foo/bar/x.txt')).toEqual(['SUBTREE']);
  });

  it('--pattern-depth keeps only patterns close enough to the file', () => {
    expect(names(mdb(), 'drivers/foo/bar/x.c', 1)).toEqual(['GLOB']);
    expect(names(mdb(), 'drivers/foo/bar/x.c', 2)).toEqual(['GLOB', 'SUBTREE']);
  });

  it('a plain path that is a directory covers its files only when treated as one', () => {
    const t = `DIR\nM:\tD <d@example.org>\nS:\tMaintained\nF:\tdrivers/baz\n`;
    expect(names(loadMaintainers({ text: t }).db, 'drivers/baz/x.c')).toEqual(['DIR']);
    expect(names(loadMaintainers({ text: t }, { directories: 'none' }).db, 'drivers/baz/x.c')).toEqual([]);
    expect(names(loadMaintainers({ text: t }, { directories: (p) => p === 'drivers/baz' }).db, 'drivers/baz/x.c')).toEqual(['DIR']);
  });
});

describe("get_maintainer.pl's reading of a patch", () => {
  it('takes both sides of renames and /dev/null as "dev/null"', () => {
    const rename = patch('features/all/ethernet-microsoft/0009-net-mana-Move-header-files-to-a-common-location.patch');
    const files = filesFromPatch(rename);
    const renamed = [...rename.matchAll(/^rename (?:from|to) (\S+)$/gm)].map((m) => m[1]);
    expect(renamed.length).toBeGreaterThan(0);
    for (const f of renamed) expect(files).toContain(f);
    expect([...files].sort()).toEqual(files);
    expect(filesFromPatch(patch('features/arm64/quartz64/arm64-dts-rockchip-Add-SOQuartz-blade-board.patch'))).toContain('dev/null');
  });

  it('tests K: keywords on every line before the diff, then only on +/- lines', () => {
    const base = patch('bugfix/all/cpupower-bump-soname-version.patch');
    const hunk = base.indexOf('\n@@ ');
    const afterHunk = base.indexOf('\n', hunk + 1) + 1;
    const withLine = (line: string) => base.slice(0, afterHunk) + line + '\n' + base.slice(afterHunk);
    const keywordRoles = (t: string) => formatGetMaintainer(matchPatch(db, t)).split('\n').filter((l) => l.includes(':Keyword:riscv'));
    expect(keywordRoles(base)).toEqual([]);
    expect(keywordRoles(withLine(' riscv context line'))).toEqual([]);
    expect(keywordRoles(withLine('+riscv added line')).length).toBeGreaterThan(0);
    const inMessage = base.replace('\n\n', '\n\nThis mentions riscv in the commit message.\n');
    expect(keywordRoles(inMessage).length).toBeGreaterThan(0);
    expect(matchPatch(db, withLine('+riscv added line'), { keywords: false }).keywordSections).toEqual([]);
  });

  it('stays fast on hostile input (long lines, many @, regex-heavy keywords)', () => {
    const long = '+' + 'struct '.repeat(1100) + '\n';
    const hostile = `--- a/x.c\n+++ b/x.c\n${long.repeat(50)}`;
    const t0 = performance.now();
    matchPatch(db, hostile);
    addressesInText(' ,'.repeat(100_000) + '@' + ' a'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(scanPatch(hostile).keywordLines.length).toBe(50);
  });
});

describe('Perl regexes from MAINTAINERS', () => {
  it('translates (?i), (?i:...) and /x blanks exactly', () => {
    const re = (p: string) => {
      const r = perlToJsRegex(p, { extended: true });
      if (!r.ok) throw new Error(r.error);
      return r.regex;
    };
    expect(re('(?i)clone3').test('CLONE3')).toBe(true);
    expect(re('\\b(?i:clang|llvm)\\b').test('use LLVM here')).toBe(true);
    expect(re('a(?i:b)c').test('aBc')).toBe(true);
    expect(re('a(?i:b)c').test('aBC')).toBe(false);
    expect(re('foo bar # comment').test('foobar')).toBe(true);
    expect(re('[^a-z]tegra').test('/tegra')).toBe(true);
  });

  it('refuses what could backtrack catastrophically or has no exact JS equivalent', () => {
    for (const p of ['(a+)+$', '(x|xx)*y', '(a)\\1', 'a++', '[[:alpha:]]', '(?<=x)(?>y)', 'a.*b.*c', '(?:x.)+y.*z']) {
      expect(perlToJsRegex(p).ok, p).toBe(false);
    }
    for (const k of db.keywords) expect(k.diff, k.value).not.toBeNull();
    for (const n of db.nPatterns) expect(n.regex, n.converted).not.toBeNull();
  });
});

describe('pre-submit recipients', () => {
  const p = patch('features/all/lockdown/mtd-disable-slram-and-phram-when-locked-down.patch');
  const ccTrailers = [...p.matchAll(/^Cc: (.+)$/gm)].map((m) => m[1]);

  it('splits what MAINTAINERS asks for into present and missing', () => {
    const report = missingRecipients(db, { patch: p, to: [], cc: ccTrailers });
    expect(report.expected.length).toBe(report.present.length + report.missing.length);
    const sent = ccTrailers.join(' ').toLowerCase();
    for (const r of report.present) expect(sent).toContain(r.address.toLowerCase().replace(/\+[^@]*@/, '@'));
    for (const m of report.missing) expect(sent).not.toContain(m.recipient.address.toLowerCase());
    expect(report.present.length).toBeGreaterThan(0);
    expect(report.missing.length).toBeGreaterThan(0);
  });

  it('names the kind of each missing recipient and accepts +tag addresses', () => {
    const all = missingRecipients(db, { files: ['Documentation/devicetree/bindings/net/dsa/dsa.yaml'], to: [] });
    const lists = all.missing.filter((m) => m.why === 'list').map((m) => m.recipient.address);
    expect(lists).toContain('devicetree@vger.kernel.org');
    const tagged = all.expected.find((r) => /\+/.test(r.address));
    expect(tagged).toBeDefined();
    const everyoneButOneList = all.expected
      .filter((r) => r.address !== 'devicetree@vger.kernel.org')
      .map((r) => ({ name: r.name, email: r.address.replace(/\+[^@]*@/, '@') }));
    const report = missingRecipients(db, { files: ['Documentation/devicetree/bindings/net/dsa/dsa.yaml'], to: everyoneButOneList });
    expect(report.missing.map((m) => [m.recipient.address, m.why])).toEqual([['devicetree@vger.kernel.org', 'list']]);
    for (const m of all.missing.filter((x) => x.why === 'maintainer')) expect(m.recipient.refs.some((r) => r.field === 'M')).toBe(true);
  });
});

describe('subsystem tags', () => {
  const tags = (name: string) => sectionTags(db, name);
  it('maps sections of interest and derives the rest from their lists', () => {
    expect(tags('MEMORY MANAGEMENT')).toContain('mm');
    expect(tags('COMPUTE EXPRESS LINK (CXL)')).toContain('cxl');
    expect(tags('CONTROL GROUP (CGROUP)')).toContain('cgroups');
    expect(tags('DATA ACCESS MONITOR')).toContain('damon');
    expect(tags('DEVICE DIRECT ACCESS (DAX)')).toContain('dax');
    expect(tags('TRACING')).toContain('trace');
    expect(tags('THE REST')).toEqual([]);
    expect(tagFromList('linux-cxl@vger.kernel.org')).toBe('cxl');
    expect(tagFromList('cgroups@vger.kernel.org')).toBe('cgroups');
    expect(tagFromList('damon@lists.linux.dev')).toBe('damon');
    // A section with no entry in the table: its tags come from its lists' local parts.
    const iio = db.sections.find((s) => s.name.startsWith('IIO ') && sectionTags(db, s.id).length === 1);
    expect(iio && sectionTags(db, iio.id)).toEqual(['iio']);
  });
});

describe('output shapes', () => {
  it('table and JSON carry the same recipients as the get_maintainer text', () => {
    const r = matchPatch(db, patch('bugfix/all/cgroup-cpuset-fix-misplaced-call-to-reset_migrate_dl.patch'));
    const lines = formatGetMaintainer(r).trimEnd().split('\n');
    const table = formatTable(r);
    const json = JSON.parse(JSON.stringify(toJson(db, r)));
    expect(json.recipients.length).toBe(lines.length);
    for (const rec of r.recipients) expect(table).toContain(rec.formatted);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(r.files);
    expect(json.recipients.find((x: { address: string }) => x.address === 'cgroups@vger.kernel.org')?.kind).toBe('list');
  });
});

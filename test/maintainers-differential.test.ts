// Differential test: the real scripts/get_maintainer.pl from the linux-source-6.12 tarball and our
// matcher, run on the same inputs in the same (partial) tree, must print the same.
//
// The script runs with --no-tree in a temp dir holding MAINTAINERS, .mailmap and the sample files
// (real contents for .yaml files, empty otherwise), so its `-d`/`-f` checks and ours see the same
// tree. Equal-depth sections come out in Perl's random hash order: we accept any such order.

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  filesFromPatch,
  loadFromTree,
  type MaintainersDb,
  type MatchOptions,
} from '../src/maintainers/index.js';
import { KERNEL, kernelExtract, matchesSomeOrder, readTsv, type KernelExtract } from './maintainers-helpers.js';

const run = promisify(execFile);
const BASE = ['--no-git', '--no-git-fallback', '--no-tree'];
const SYNTHETIC = `List of maintainers
===================

	M: *Mail* patches to: FullName <address@domain>

ALPHA SUBTREE
M:	Alice Alpha <alice@example.org>
R:	Rob Reviewer <rob@example.org>
L:	alpha-list@example.org
S:	Maintained
F:	alpha/

ALPHA DIRECT ONLY
M:	Dora Direct <dora@example.org>
L:	alpha-direct@example.org (moderated for non-subscribers)
S:	Odd Fixes
F:	alpha/*

ALPHA GLOBS
M:	Gary Glob <gary@example.org>
L:	globs@example.org (subscribers-only)
L:	alpha-list@example.org
S:	Supported
F:	alpha/sub/*.[ch]
F:	alpha/sub/fil?.txt
X:	alpha/sub/excluded.c

NAMED BY REGEX
M:	"Nora, N." <nora@example.org>
S:	Orphan
N:	(?:^|/)widget[-_]

KEYWORDS
M:	Kay Word <kay@example.org>, Kim Word <kim@example.org>
L:	kw@example.org
S:	Maintained
F:	gamma/
K:	\\b(?i:frobnicate)\\b
K:	magic_call|other_magic

DEEP
M:	Deep Person <deep@example.org>
S:	Obsolete
F:	alpha/sub/deeper

A SECTION NAME THAT IS WELL OVER THE FIFTY CHARACTER LIMIT OF ROLES
M:	Lon Gname <long@example.org>
S:	Buried alive in reporters
F:	alpha/sub/deeper/x.c

DUPLICATE PEOPLE
M:	ALICE ALPHA <other-alice@example.org>
M:	Someone Else <ALICE@example.org>
M:	Zed Zero <zed@example.org>
S:	Maintained
F:	alpha/sub/

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
S:	Buried alive in reporters
F:	*
F:	*/
`;
const SYNTHETIC_FILES = [
  'alpha/a.c', 'alpha/sub/b.c', 'alpha/sub/excluded.c', 'alpha/sub/file.txt', 'alpha/sub/deeper/x.c',
  'alpha/sub/deeper/y.c', 'lib/widget-core.c', 'beta/kw.c', 'top.c', 'alphabet.c',
];
const SYNTHETIC_PATCH = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Some One <some@example.org>
Subject: [PATCH] beta: frobnicate harder

The other_magic word in the commit message is a keyword hit before the diff.
---
 beta/kw.c | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)

diff --git a/beta/kw.c b/beta/kw.c
--- a/beta/kw.c
+++ b/beta/kw.c
@@ -1,3 +1,3 @@
 context magic_call stays
-old line
+new Frobnicate() line
diff --git a/alpha/sub/deeper/x.c b/alpha/sub/deeper/z.c
similarity index 90%
rename from alpha/sub/deeper/x.c
rename to alpha/sub/deeper/z.c
--
2.45.0
`;

let kernel: KernelExtract | null = null;
let dir = '';
let synthDir = '';
let db: MaintainersDb;
let synthDb: MaintainersDb;
let readFile: MatchOptions['readFile'];
let synthRead: MatchOptions['readFile'];
const sampleFiles = readTsv('files.tsv')
  .filter((_, i) => i % 75 === 0)
  .map(([p]) => p);
const samplePatches = readTsv('patches.tsv')
  .filter((_, i) => i % 16 === 0)
  .map(([p]) => path.join(KERNEL, 'debian-patches', p));

function placeFile(root: string, rel: string, from?: string) {
  const full = path.join(root, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  if (from && existsSync(from)) copyFileSync(from, full);
  else if (!existsSync(full)) writeFileSync(full, '');
}

async function script(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('perl', ['scripts/get_maintainer.pl', ...BASE, '--mpath', 'MAINTAINERS', ...args], {
    cwd,
    maxBuffer: 1 << 22,
  });
  return stdout;
}

beforeAll(async () => {
  kernel = await kernelExtract();
  if (!kernel) {
    console.warn('maintainers-differential: /usr/src/linux-source-6.12.tar.xz not found (package linux-source-6.12): skipped');
    return;
  }
  dir = mkdtempSync(path.join(tmpdir(), 'lorescope-gm-'));
  for (const f of ['MAINTAINERS', '.mailmap', 'scripts/get_maintainer.pl']) placeFile(dir, f, path.join(kernel.root, f));
  const patchFiles = samplePatches.flatMap((p) => filesFromPatch(readFileSync(p, 'utf8')));
  for (const f of [...sampleFiles, ...patchFiles]) {
    if (f === 'dev/null' || f.includes('..')) continue;
    placeFile(dir, f, path.join(kernel.root, f));
  }
  const loaded = loadFromTree(dir);
  expect(loaded.errors).toEqual([]);
  db = loaded.db;
  readFile = loaded.tree.readFile;

  synthDir = mkdtempSync(path.join(tmpdir(), 'lorescope-gm-synth-'));
  placeFile(synthDir, 'scripts/get_maintainer.pl', path.join(kernel.root, 'scripts/get_maintainer.pl'));
  writeFileSync(path.join(synthDir, 'MAINTAINERS'), SYNTHETIC);
  writeFileSync(path.join(synthDir, 'kw.patch'), SYNTHETIC_PATCH);
  for (const f of SYNTHETIC_FILES) placeFile(synthDir, f);
  const synth = loadFromTree(synthDir);
  synthDb = synth.db;
  synthRead = synth.tree.readFile;
});

afterAll(() => {
  for (const d of [dir, synthDir]) if (d) rmSync(d, { recursive: true, force: true });
});

function expectSame(database: MaintainersDb, files: string[], opts: MatchOptions, expected: string, label: string) {
  const r = matchesSomeOrder(database, files, opts, expected, (s) => s);
  expect(r.ok, `${label}\n--- get_maintainer.pl:\n${expected}`).toBe(true);
}

describe('differential: scripts/get_maintainer.pl from linux-source-6.12', () => {
  it(`-f PATH --no-keywords on ${sampleFiles.length} sample paths`, async (ctx) => {
    if (!kernel) return ctx.skip();
    for (const f of sampleFiles) {
      const expected = await script(dir, ['--no-keywords', '-f', f]);
      expect(expected.length).toBeGreaterThan(0);
      expectSame(db, [f], { keywords: false, readFile }, expected, f);
    }
  });

  it(`PATCH with keywords on ${samplePatches.length} sample Debian patches`, async (ctx) => {
    if (!kernel) return ctx.skip();
    for (const p of samplePatches) {
      const expected = await script(dir, [p]);
      const text = readFileSync(p, 'utf8');
      expectSame(db, filesFromPatch(text), { patchText: text, readFile }, expected, p);
    }
  });

  it('synthetic MAINTAINERS: subtree vs dir/* vs globs, X:, N:, quoting, dedup, roles', async (ctx) => {
    if (!kernel) return ctx.skip();
    for (const f of SYNTHETIC_FILES) {
      const expected = await script(synthDir, ['--no-keywords', '-f', f]);
      expectSame(synthDb, [f], { keywords: false, readFile: synthRead }, expected, f);
    }
  });

  it('synthetic MAINTAINERS: --pattern-depth 1 and 2', async (ctx) => {
    if (!kernel) return ctx.skip();
    for (const depth of [1, 2]) {
      for (const f of ['alpha/sub/deeper/x.c', 'alpha/sub/b.c']) {
        const expected = await script(synthDir, ['--no-keywords', `--pattern-depth=${depth}`, '-f', f]);
        expectSame(synthDb, [f], { keywords: false, patternDepth: depth, readFile: synthRead }, expected, `${f} depth ${depth}`);
      }
    }
  });

  it('synthetic patch: K: keywords (case-insensitive group, top-level alternation), renames', async (ctx) => {
    if (!kernel) return ctx.skip();
    const expected = await script(synthDir, ['kw.patch']);
    expect(expected).toContain(':Keyword:');
    expectSame(synthDb, filesFromPatch(SYNTHETIC_PATCH), { patchText: SYNTHETIC_PATCH, readFile: synthRead }, expected, 'kw.patch');
  });
});

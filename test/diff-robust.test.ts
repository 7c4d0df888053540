// Untrusted input: every corpus mail parses without throwing into self-consistent hunks, broken
// hunk headers are reported rather than dropped, and hostile shapes stay linear in time.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parsePatch } from '../src/diff/parse.js';
import type { PatchDiff } from '../src/diff/types.js';
import { corpus } from './helpers/corpus.js';
import { corpusBody, listFiles, mailBodies } from './diff-corpus.js';

/** Invariants any parse must keep, whatever the input. */
function checkConsistent(p: PatchDiff): void {
  for (const f of p.files) {
    let adds = 0;
    let dels = 0;
    for (const h of f.hunks) {
      let oldNo = h.oldStart;
      let newNo = h.newStart;
      for (const l of h.lines) {
        if (l.kind === 'add') adds++;
        if (l.kind === 'del') dels++;
        expect(l.oldLine).toBe(l.kind === 'add' ? null : oldNo++);
        expect(l.newLine).toBe(l.kind === 'del' ? null : newNo++);
      }
      const complete = oldNo - h.oldStart === h.oldLines && newNo - h.newStart === h.newLines;
      if (!complete && !f.combined) expect(p.warnings.join('\n')).toContain(f.path);
    }
    expect([f.additions, f.deletions]).toEqual([adds, dels]);
  }
  expect(p.stat.files).toBe(p.files.length);
}

const mailFiles = listFiles(corpus()).filter((f) => /\.(mbox|patch|txt)$/.test(f));

describe('every corpus mail', () => {
  it('has mail to read', () => {
    expect(mailFiles.length).toBeGreaterThan(100);
  });

  it.each(mailFiles.map((f) => ({ name: relative(corpus(), f), f })))('$name', ({ f }) => {
    for (const body of mailBodies(readFileSync(f, 'latin1'))) checkConsistent(parsePatch(body));
  });
});

describe('broken hunk headers are reported', () => {
  it('warns on b4\'s deliberately broken `@@@ -1,1 +1,1 @@` hunk in a git diff', () => {
    const body = mailBodies(readFileSync(corpus('b4-samples', 'trailers-followup-single.mbox'), 'utf8'))[0];
    expect(body).toContain('@@@ -1,1 +1,1 @@');
    const p = parsePatch(body);
    expect(p.files.map((f) => f.path)).toEqual(['b4/junk.py']);
    expect(p.warnings.join('\n')).toMatch(/b4\/junk\.py: malformed hunk header at line \d+: @@@ -1,1 \+1,1 @@/);
  });

  it('warns on the same hunk in a non-git diff instead of skipping the file', () => {
    const body = corpusBody('b4-samples', 'trailers-followup-non-git-patch.mbox');
    const p = parsePatch(body);
    expect(p.files.map((f) => [f.path, f.nonGit])).toEqual([['b4/junk.py', true]]);
    expect(p.warnings.join('\n')).toMatch(/b4\/junk\.py: malformed hunk header/);
  });
});

describe('hostile shapes stay linear', () => {
  const time = (text: string) => {
    const t0 = performance.now();
    const p = parsePatch(text);
    return { p, ms: performance.now() - t0 };
  };

  it('a 4 MB `diff --git` line of a/ components', () => {
    const { p, ms } = time('diff --git ' + 'a/'.repeat(2_000_000) + '\n');
    expect(p.files).toHaveLength(1);
    expect(ms).toBeLessThan(2000);
  });

  it('a huge hunk count over 200k lines ends at the end of the text with a warning', () => {
    const { p, ms } = time('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,9999999999 +1,9999999999 @@\n' + ' ctx\n'.repeat(200_000));
    expect(p.files[0].hunks[0].lines).toHaveLength(200_000);
    expect(p.warnings[0]).toMatch(/cut short by the end of the text/);
    expect(ms).toBeLessThan(2000);
  });

  it('100k stray hunk headers and ---/+++ pairs; warnings stay bounded', () => {
    const { p, ms } = time('@@ -1 +1 @@\n--- a\n+++ b\n'.repeat(100_000));
    expect(p.warnings.length).toBeLessThanOrEqual(51);
    expect(ms).toBeLessThan(3000);
  });

  it('a 1 MB quoted name and a 1 MB timestamp-like name', () => {
    const { p, ms } = time(
      'diff --git "a/' + '\\\\'.repeat(500_000) + '" b/x\n' +
      '--- ' + '2024-01-01 '.repeat(100_000) + '\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(p.files.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(2000);
  });
});

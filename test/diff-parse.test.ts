// Edge cases of src/diff/parse.ts, each on a real patch mail from the corpus.
import { describe, expect, it } from 'vitest';
import { parsePatch } from '../src/diff/parse.js';
import { diffstat } from '../src/diff/diffstat.js';
import type { FileDiff } from '../src/diff/types.js';
import { corpusBody, gitNumstat, mailDiffstat, readCorpus } from './diff-corpus.js';

const pw = (name: string) => corpusBody('patchwork', 'mail', name);

function numstatOf(files: FileDiff[]) {
  return files.map((f) => ({
    additions: f.binary ? '-' : String(f.additions),
    deletions: f.binary ? '-' : String(f.deletions),
    path: f.path,
  }));
}

describe('git renames', () => {
  it('reads pure renames with similarity and no hunks (0008)', () => {
    const body = pw('0008-git-rename.mbox');
    const p = parsePatch(body);
    expect(p.files.map((f) => [f.status, f.oldPath, f.newPath, f.similarity, f.hunks.length])).toEqual([
      ['renamed', 'package/rpi-userland/rpi-userland-add-pkgconfig-files.patch',
        'package/rpi-userland/rpi-userland-000-add-pkgconfig-files.patch', 100, 0],
      ['renamed', 'package/rpi-userland/rpi-userland-makefiles-0001-cmake-vmcs.cmake-allow-to-override-VMCS_IN.patch',
        'package/rpi-userland/rpi-userland-001-makefiles-cmake-vmcs.cmake-allow-to-override-VMCS_IN.patch', 100, 0],
    ]);
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
    // git 1.8 wrote this mail's diffstat 80 columns wide; the `{old => new}` names are git's.
    const mail = mailDiffstat(body)!;
    expect(diffstat(p.files, { width: 80 }).lines).toEqual(mail.lines);
    expect(p.stat.summary).toEqual(mail.summary);
    expect(p.warnings).toEqual([]);
  });

  it('attaches a hunk to a renamed file and reports its short line count (0009)', () => {
    const p = parsePatch(pw('0009-git-rename-with-diff.mbox'));
    expect(p.files).toHaveLength(2);
    const [first, second] = p.files;
    expect(first.status).toBe('renamed');
    expect(first.hunks).toHaveLength(1);
    const h = first.hunks[0];
    expect([h.oldStart, h.oldLines, h.newStart, h.newLines]).toEqual([100, 7, 100, 7]);
    // The header promises 7 lines a side, the mail holds 6: said, and the next file still read.
    expect(h.lines.map((l) => l.kind)).toEqual(['context', 'context', 'del', 'add', 'context', 'context', 'context']);
    expect(h.lines[2]).toMatchObject({ text: 'a', oldLine: 102, newLine: null });
    expect(h.lines[3]).toMatchObject({ text: 'b', oldLine: null, newLine: 102 });
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/rpi-userland-000-add-pkgconfig-files\.patch: hunk ends early at line \d+ \(1 old, 1 new/);
    expect(second).toMatchObject({ status: 'renamed', similarity: 100, hunks: [] });
  });

  it('reads renames among modifications in a kernel patch, as git apply does', () => {
    const body = readCorpus('kernel', 'debian-patches', 'features', 'all', 'ethernet-microsoft',
      '0009-net-mana-Move-header-files-to-a-common-location.patch');
    const p = parsePatch(body);
    const renames = p.files.filter((f) => f.status === 'renamed');
    expect(renames.map((f) => f.oldPath)).toEqual(
      ['gdma.h', 'hw_channel.h', 'mana.h', 'mana_auxiliary.h', 'shm_channel.h'].map((n) => `drivers/net/ethernet/microsoft/mana/${n}`),
    );
    expect(renames.every((f) => f.newPath === `include/net/mana/${f.oldPath!.split('/').pop()}`)).toBe(true);
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
    expect(p.stat.summary).toEqual(mailDiffstat(body)!.summary);
  });
});

describe('new, deleted and mode-changed files', () => {
  it('reads an empty new file that has only a header (0021)', () => {
    const body = pw('0021-git-empty-new-file.mbox');
    const p = parsePatch(body);
    expect(p.files).toHaveLength(1);
    expect(p.files[0]).toMatchObject({
      status: 'added', oldPath: null, newPath: 'banana', path: 'banana', newMode: '100644',
      oldBlob: '000000000000', newBlob: 'e69de29bb2d1', additions: 0, deletions: 0, hunks: [],
    });
    expect(p.stat.summary).toEqual([' create mode 100644 banana']);
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
  });

  it('reads new files with /dev/null and hunks from -0,0 in a kernel patch', () => {
    const body = readCorpus('kernel', 'debian-patches', 'bugfix', 'alpha',
      'alpha-fix-missing-symbol-versions-for-str-n-cat-cpy.patch');
    const p = parsePatch(body);
    const added = p.files.filter((f) => f.status === 'added');
    expect(added.map((f) => f.path)).toEqual(['arch/alpha/lib/stycpy.S', 'arch/alpha/lib/styncpy.S']);
    for (const f of added) {
      expect(f.oldPath).toBeNull();
      expect(f.hunks[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1 });
      expect(f.hunks[0].lines.every((l) => l.kind === 'add' && l.oldLine === null)).toBe(true);
      expect(f.hunks[0].lines.map((l) => l.newLine)).toEqual(f.hunks[0].lines.map((_, i) => i + 1));
    }
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
    expect(p.stat.summary).toEqual(mailDiffstat(body)!.summary);
  });

  it('reads a mode change without content (0022)', () => {
    const body = pw('0022-git-mode-change.mbox');
    const p = parsePatch(body);
    expect(p.files).toHaveLength(1);
    expect(p.files[0]).toMatchObject({
      status: 'modified', path: 'scripts/kconfig/nconf-cfg.sh', oldMode: '100644', newMode: '100755', hunks: [],
    });
    const mail = mailDiffstat(body)!;
    expect(p.stat.lines).toEqual(mail.lines);
    expect(p.stat.summary).toEqual(mail.summary);
  });
});

describe('binary patches', () => {
  it('reads a GIT binary patch adding a file, with its size (0025)', () => {
    const body = pw('0025-git-add-binary-file.mbox');
    const p = parsePatch(body);
    expect(p.files).toHaveLength(1);
    // --no-prefix names ("diff --git pixel.bmp pixel.bmp"), which git apply itself rejects.
    expect(p.files[0]).toMatchObject({
      path: 'pixel.bmp', status: 'added', binary: true, binaryPatch: true, binarySize: { old: 0, new: 142 }, hunks: [],
    });
    const mail = mailDiffstat(body)!;
    expect(p.stat.lines).toEqual(mail.lines);
    expect(p.stat.summary).toEqual(mail.summary);
  });

  it('reads text hunks after a binary patch in the same mail (0026)', () => {
    const body = pw('0026-git-add-mixed-binary-text-files.mbox');
    const p = parsePatch(body);
    expect(p.files.map((f) => [f.path, f.binary, f.additions])).toEqual([['pixel.bmp', true, 0], ['quit.sh', false, 3]]);
    expect(p.files[1].hunks[0].lines.map((l) => l.text)).toEqual(['#/usr/bin/env bash', 'echo "Wuh wuh"', 'exit 1']);
    expect(p.stat.lines).toEqual(mailDiffstat(body)!.lines);
    expect(p.warnings).toEqual([]);
  });

  it('reads forward and reverse literals of a modified binary (0027)', () => {
    const body = pw('0027-git-modify-binary-file.mbox');
    const p = parsePatch(body);
    expect(p.files[0]).toMatchObject({
      status: 'modified', binary: true, binarySize: { old: 142, new: 0 },
      oldBlob: '9710347a13c4336e7dbaafa69af0e44a40c21172', newMode: '100644',
    });
    expect(p.stat.lines).toEqual(mailDiffstat(body)!.lines);
  });

  it('reads `Binary files … differ` as binary without data', () => {
    // git diff without --binary; the corpus has no such mail, so this is git's exact output form.
    const p = parsePatch([
      'diff --git a/fw/blob.bin b/fw/blob.bin',
      'index 0526bbd..c8db20e 100644',
      'Binary files a/fw/blob.bin and b/fw/blob.bin differ',
      'diff --git a/new.bin b/new.bin',
      'new file mode 100644',
      'index 0000000..0526bbd',
      'Binary files /dev/null and b/new.bin differ',
      '',
    ].join('\n'));
    expect(p.files.map((f) => [f.path, f.status, f.binary, f.binaryPatch])).toEqual([
      ['fw/blob.bin', 'modified', true, false],
      ['new.bin', 'added', true, false],
    ]);
    expect(p.stat.lines).toEqual([' fw/blob.bin | Bin', ' new.bin     | Bin']);
  });
});

describe('hunk bounds and line ends', () => {
  it('marks "\\ No newline at end of file" and keeps line numbers (0011)', () => {
    const body = pw('0011-no-newline-at-end-of-file.mbox');
    const p = parsePatch(body);
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
    const [makefile, vphnC, vphnH] = p.files;
    const h = makefile.hunks[0];
    expect(h.heading).toBe(`CFLAGS := -Wall -O2 -flto -Wall -Werror -DGIT_VERSION='"$(GIT_VERSION)"' -I$(CUR`);
    expect(h.lines[0]).toMatchObject({ kind: 'context', text: '', oldLine: 13, newLine: 13 });
    expect(h.lines.find((l) => l.kind === 'del')).toMatchObject({ oldLine: 16, newLine: null });
    expect(h.lines.find((l) => l.kind === 'add')).toMatchObject({ oldLine: null, newLine: 16 });
    expect(h.lines.some((l) => l.noNewline)).toBe(false);
    for (const f of [vphnC, vphnH]) {
      expect(f).toMatchObject({ status: 'added', newMode: '120000' });
      expect(f.hunks[0].lines).toHaveLength(1);
      expect(f.hunks[0].lines[0]).toMatchObject({ kind: 'add', newLine: 1, noNewline: true });
    }
    expect(p.warnings).toEqual([]);
  });

  it('never takes the "-- " signature or the version after it for diff lines', () => {
    const body = readCorpus('kernel', 'series', 'nvidia-uvm-page_pgmap-6.12.patch');
    expect(body).toMatch(/\n-- \n2\.\d+/);
    const p = parsePatch(body);
    const all = p.files.flatMap((f) => f.hunks.flatMap((h) => h.lines));
    expect(all.some((l) => l.kind === 'del' && l.text === ' ')).toBe(false);
    expect(all.some((l) => /^2\.\d+/.test(l.text))).toBe(false);
    for (const f of p.files) {
      for (const h of f.hunks) {
        expect(h.lines.filter((l) => l.kind !== 'add')).toHaveLength(h.oldLines);
        expect(h.lines.filter((l) => l.kind !== 'del')).toHaveLength(h.newLines);
      }
    }
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
    expect(p.warnings).toEqual([]);
  });

  it('keeps a MIME boundary and an HTML part out of the diff (0019)', () => {
    const body = pw('0019-multipart-patch.mbox');
    const p = parsePatch(body);
    expect(p.files).toHaveLength(1);
    const f = p.files[0];
    expect(f).toMatchObject({ path: 'patchwork/parser.py', additions: 3, deletions: 1 });
    const lines = f.hunks[0].lines;
    // The patch's empty context lines lost their leading space in the mailer: still context.
    expect(lines.filter((l) => l.kind === 'context' && l.text === '')).toHaveLength(3);
    expect(lines.some((l) => l.text.includes('--000000000000f93f23056f12c80c'))).toBe(false);
    expect(p.stat.lines).toEqual(mailDiffstat(body)!.lines);
    expect(p.warnings).toEqual([]);
  });

  it('reads a CRLF mail like the same mail with LF', () => {
    const body = readCorpus('kernel', 'debian-patches', 'bugfix', 'alpha',
      'alpha-fix-missing-symbol-versions-for-str-n-cat-cpy.patch');
    const lf = parsePatch(body);
    const crlf = parsePatch(body.replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(lf);
    expect(lf.files.length).toBeGreaterThan(0);
  });
});

describe('non-git diffs', () => {
  it('reads CVS diffs with Index:/RCS lines and tab timestamps (0007)', () => {
    const body = pw('0007-cvs-format-diff.mbox');
    const p = parsePatch(body);
    expect(p.files.map((f) => [f.path, f.nonGit, f.status, f.additions, f.deletions])).toEqual([
      ['bfd/elf-bfd.h', true, 'modified', 2, 0],
      ['bfd/elflink.c', true, 'modified', 3, 0],
      ['bfd/elfxx-mips.c', true, 'modified', 1, 0],
    ]);
    // git apply strips one directory (-p1) where CVS wrote repository paths: counts agree.
    const git = gitNumstat(body);
    expect(p.files.map((f) => [f.additions, f.deletions, f.path.split('/').slice(1).join('/')]))
      .toEqual(git.map((g) => [Number(g.additions), Number(g.deletions), g.path]));
    expect(p.files[1].hunks[0].heading).toBe('_bfd_elf_link_assign_sym_version (struct');
    expect(p.warnings).toEqual([]);
  });

  it('reads quilt diffs (linux.orig/ vs linux/) with the prefix stripped', () => {
    const body = readCorpus('kernel', 'debian-patches', 'debian', 'version.patch');
    const p = parsePatch(body);
    expect(p.files.every((f) => f.nonGit && f.oldPath === f.newPath)).toBe(true);
    expect(p.files[0].path).toBe('Makefile');
    expect(numstatOf(p.files)).toEqual(gitNumstat(body));
  });

  it('reads `--- x.orig` backup names as the same file', () => {
    // GNU diff -u of a backup copy; no corpus mail has one.
    const p = parsePatch([
      'Fix the frobnicator.',
      '',
      '--- drivers/misc/frob.c.orig\t2024-01-02 10:00:00.000000000 +0100',
      '+++ drivers/misc/frob.c\t2024-01-02 10:05:00.000000000 +0100',
      '@@ -1,2 +1,2 @@',
      ' int frob(void)',
      '-{ return 0; }',
      '+{ return 1; }',
      '-- ',
      'signature',
    ].join('\n'));
    expect(p.files).toHaveLength(1);
    expect(p.files[0]).toMatchObject({
      nonGit: true, status: 'modified', oldPath: 'drivers/misc/frob.c', newPath: 'drivers/misc/frob.c',
      additions: 1, deletions: 1,
    });
  });
});

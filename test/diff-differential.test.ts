// The parser against other readers of the same real patches: `git apply --numstat` (paths and
// per-file counts), the diffstat git format-patch wrote into each series mail, and parse-diff's
// hunks where parse-diff reads a patch at all.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { parsePatch } from '../src/diff/parse.js';
import { diffstat } from '../src/diff/diffstat.js';
import type { PatchDiff } from '../src/diff/types.js';
import { corpus } from './helpers/corpus.js';
import { debianPatches, gitNumstat, mailDiffstat, readCorpus, seriesMessages } from './diff-corpus.js';

const parseDiff = createRequire(import.meta.url)('parse-diff') as (text: string) => {
  chunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; changes: { type: string }[] }[];
}[];

function numstat(p: PatchDiff) {
  return p.files.map((f) => ({
    additions: f.binary ? '-' : String(f.additions),
    deletions: f.binary ? '-' : String(f.deletions),
    path: f.path,
  }));
}

function hunkShapes(p: PatchDiff) {
  return p.files.map((f) => f.hunks.map((h) => ({
    ranges: [h.oldStart, h.oldLines, h.newStart, h.newLines],
    adds: h.lines.filter((l) => l.kind === 'add').length,
    dels: h.lines.filter((l) => l.kind === 'del').length,
  })));
}

function parseDiffShapes(text: string) {
  return parseDiff(text).map((f) => f.chunks.map((c) => ({
    ranges: [c.oldStart, c.oldLines, c.newStart, c.newLines],
    adds: c.changes.filter((x) => x.type === 'add').length,
    dels: c.changes.filter((x) => x.type === 'del').length,
  })));
}

const debian = debianPatches().map((file) => ({ name: relative(corpus('kernel', 'debian-patches'), file), file }));
const series = seriesMessages();

describe('Debian kernel patches vs git apply --numstat', () => {
  it('has the corpus', () => {
    expect(debian.length).toBeGreaterThanOrEqual(160);
  });

  it.each(debian)('$name', ({ file }) => {
    const text = readCorpus(file);
    const p = parsePatch(text);
    expect(numstat(p)).toEqual(gitNumstat(text));
    expect(p.warnings).toEqual([]);
    expect(hunkShapes(p)).toEqual(parseDiffShapes(text));
  });
});

describe('kernel series mails vs git', () => {
  it('has the corpus', () => {
    expect(series.length).toBeGreaterThanOrEqual(200);
  });

  it.each(series)('$label', ({ body }) => {
    const p = parsePatch(body);
    expect(numstat(p)).toEqual(gitNumstat(body));
    expect(p.warnings).toEqual([]);
    expect(hunkShapes(p)).toEqual(parseDiffShapes(body));
    // format-patch writes 72 columns; some of these mails were made with 80.
    const mail = mailDiffstat(body)!;
    const ours = [72, 80].map((width) => diffstat(p.files, { width }).lines);
    expect(ours).toContainEqual(mail.lines);
    expect(p.stat.summary).toEqual(mail.summary);
  });
});

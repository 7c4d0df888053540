// The bad-input promise on every mail file of the corpus and on the whole cgroups archive: through the
// CLI, exit 0, no stack trace, and every message that git mailsplit finds is in the model or reported.
// (test/bad-mail.test.ts looks closer at each fuzz and odd mail; this one is about nothing lost.)
import { beforeAll, describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { eachMessage } from '../scripts/pi-mirror.mjs';
import { cli, CORPUS } from './helpers/corpus.js';
import { corpusGroups } from './helpers/corpus-files.js';
import { archiveMbox } from './helpers/archive.js';

interface SeriesJson {
  messages: number; comments: number; unattached: number; duplicates: number;
  errors: { source: string; index: number; severity: string; message: string }[];
  series: { cover: { msgid: string } | null; patches: { msgid: string }[]; extra: { msgid: string }[]; rerolls: { msgid: string }[] }[];
}

/** Messages in the model (series members, comments, unattached), duplicates and messages reported as errors. */
function accounted(j: SeriesJson): number {
  const members = new Set<string>();
  for (const s of j.series) {
    if (s.cover) members.add(s.cover.msgid);
    for (const p of [...s.patches, ...s.extra, ...s.rerolls]) members.add(p.msgid);
  }
  return members.size + j.comments + j.unattached + j.duplicates + j.errors.filter((e) => e.severity === 'error' && e.index >= 0).length;
}

/** Exit 0, nothing on stderr but one-line `lorescope:` notes, no stack trace; the parsed JSON. */
function seriesJson(files: string[]): SeriesJson {
  const r = cli(['series', '--json', ...files]);
  expect(r.code, r.stderr.slice(0, 500)).toBe(0);
  expect(r.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^lorescope: /);
  return JSON.parse(r.stdout) as SeriesJson;
}

async function mailsplitCount(files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) n += await eachMessage(f, () => undefined);
  return n;
}

describe('every mail file of the corpus: parsed or reported, never a crash', () => {
  for (const group of corpusGroups()) {
    it(`${group.dir} (${group.files.length} files)`, async () => {
      expect(group.files.length).toBeGreaterThan(0);
      const j = seriesJson(group.files);
      expect(j.messages).toBe(await mailsplitCount(group.files));
      expect(accounted(j)).toBe(j.messages);
      for (const e of j.errors) {
        // Each entry names a message of a file of this group, in one line.
        expect(group.files).toContain(e.source);
        expect(e.index).toBeGreaterThanOrEqual(0);
        expect(e.message).toMatch(/^[^\n]+$/);
      }
      // The text view of odd input does not fail either (real list mail is drawn by other tests).
      if (group.dir.startsWith('real/')) return;
      const text = cli(['series', ...group.files]);
      expect(text.code, relative(CORPUS, group.files[0])).toBe(0);
      expect(text.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
    });
  }
});

describe('the cgroups archive (19,339 messages)', () => {
  // Decompressed once for every test that reads it (helpers/archive.ts).
  let archive: string;
  beforeAll(() => {
    archive = archiveMbox();
  });

  it('every message git mailsplit finds is a series member, a comment, unattached, a duplicate or an error', async () => {
    const j = seriesJson([archive]);
    const count = await mailsplitCount([archive]);
    expect(count).toBe(19_339);
    expect(j.messages).toBe(count);
    expect(accounted(j)).toBe(j.messages);
    expect(j.duplicates).toBe(j.errors.filter((e) => e.message === 'duplicate Message-ID; first copy kept').length);
  });
});

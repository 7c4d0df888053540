// The review model on the demo series: diffs, reply anchors, version links.
import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { quoteBlocks } from '../src/review/anchors.js';
import { ROOT } from './helpers/corpus.js';
import { join } from 'node:path';

describe('review model on the demo', async () => {
  const loaded = await loadSources([join(ROOT, 'patches')]);
  const review = buildReview(loaded);
  const [v1, v2] = review.series;

  it('links v1 and v2 as versions of one work', () => {
    expect(v1.version).toBe(1);
    expect(v2.version).toBe(2);
    expect(v1.versions).toEqual([v1.id, v2.id]);
    expect(v2.versions).toEqual(v1.versions);
  });

  it('parses each patch diff into files with a diffstat', () => {
    expect(v2.patches.map((p) => p.files.length)).toEqual([4, 2, 2, 1, 1]);
    expect(v2.patches[4].files[0].path).toBe('kernel/cgroup/cpuset.c');
    expect(v2.diffstat.files).toBe(10);
    for (const p of v2.patches) expect(p.diffWarnings).toEqual([]);
  });

  it('anchors the v1 review comment at the struct page line it quotes', () => {
    const a = v1.patches[0].anchors;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ replyMsgid: 'ZecrJ4kQm1vT8wXa@ol-t14', file: 'include/linux/mm_types.h', side: 'new' });
    const file = v1.patches[0].files.find((f) => f.path === 'include/linux/mm_types.h')!;
    const line = file.hunks.flatMap((h) => h.lines).find((l) => l.newLine === a[0].line)!;
    expect(line.kind).not.toBe('del');
    const reply = loaded.mails.get('ZecrJ4kQm1vT8wXa@ol-t14')!;
    expect(reply.body).toContain(line.text.trim());
  });

  it('the commit message stops at ---', () => {
    expect(v2.patches[0].message).toMatch(/Signed-off-by: Mira Castellano/);
    expect(v2.patches[0].message).not.toContain('diff --git');
  });
});

describe('quoteBlocks', () => {
  it('pairs quoted diff lines with the text after them, ignoring deeper quotes', () => {
    const body = 'On x, y wrote:\n> +\tint a;\n> -\tint b;\n\nWhy?\n\n>> +\told\n> text\n\nThanks\n';
    const b = quoteBlocks(body);
    expect(b).toHaveLength(1);
    expect(b[0].lines).toEqual(['+\tint a;', '-\tint b;']);
    expect(b[0].text).toEqual(['Why?', 'Thanks']);
  });
});

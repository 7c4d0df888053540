// Series assembly beyond patchwork's cases: rerolls, versions threaded together, scopes, covers.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { corpus } from './helpers/corpus.js';
import { mbox, type MkOpts } from './helpers/mkmail.js';

async function load(...msgs: MkOpts[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ls-asm-'));
  writeFileSync(join(dir, 'x.mbox'), mbox(...msgs));
  return loadSources([join(dir, 'x.mbox')]);
}

describe('series assembly', () => {
  it('a v5.1 partial reroll sent as a reply is a v5.1 of the whole series: v5\'s other patches carried', async () => {
    const { model } = await load(
      { id: 'c5', subject: '[PATCH v5 0/3] feature' },
      { id: 'p1', subject: '[PATCH v5 1/3] one', replyTo: 'c5' },
      { id: 'p2', subject: '[PATCH v5 2/3] two', replyTo: 'c5' },
      { id: 'p3', subject: '[PATCH v5 3/3] three', replyTo: 'c5' },
      { id: 'r2', subject: 'Re: [PATCH v5 2/3] two', from: 'Rev <rev@example.org>', replyTo: 'p2', refs: ['c5', 'p2'] },
      { id: 'p2b', subject: '[PATCH v5.1 2/3] two', replyTo: 'r2', refs: ['c5', 'p2', 'r2'] },
    );
    expect(model.series.map((s) => [s.version, s.id])).toEqual([[5, 'c5'], [5.1, 'p2b']]);
    const [v5, v51] = model.series;
    // v5 as sent, its patch 2 naming its replacement.
    expect(v5.patches.map((p) => p.msgid)).toEqual(['p1', 'p2', 'p3']);
    expect(v5.patches[1].supersededBy).toBe('p2b');
    expect(v5.rerolls.map((r) => [r.msgid, r.replaces])).toEqual([['p2b', 'p2']]);
    // v5.1: 2/3 resent, 1/3 and 3/3 carried from v5, under v5's cover and title.
    expect(v51.patches.map((p) => [p.msgid, p.carriedFrom ?? null])).toEqual([['p1', 'c5'], ['p2b', null], ['p3', 'c5']]);
    expect(v51.missing).toEqual([]);
    expect(v51.partialReroll).toEqual({ of: 'c5', version: 5 });
    expect(v51.cover?.msgid).toBe('c5');
    expect(v51.title).toBe('feature');
  });

  it('a v2 threaded to v1 is a separate series', async () => {
    const { model } = await load(
      { id: 'c1', subject: '[PATCH 0/1] feature' },
      { id: 'a1', subject: '[PATCH 1/1] one', replyTo: 'c1' },
      { id: 'c2', subject: '[PATCH v2 0/1] feature', replyTo: 'c1' },
      { id: 'a2', subject: '[PATCH v2 1/1] one', replyTo: 'c2', refs: ['c1', 'c2'] },
    );
    expect(model.series.map((s) => [s.version, s.cover?.msgid, s.patches.map((p) => p.msgid)])).toEqual([
      [1, 'c1', ['a1']],
      [2, 'c2', ['a2']],
    ]);
  });

  it('unthreaded patches group by author, version, total and time; others stay apart', async () => {
    const { model } = await load(
      { id: 'u1', subject: '[PATCH v3 1/2] a', date: 'Mon, 3 Mar 2025 10:00:00 +0000' },
      { id: 'x1', subject: '[PATCH v3 1/2] other author', from: 'Bob <bob@example.org>' },
      { id: 'u2', subject: '[PATCH v3 2/2] b', date: 'Mon, 3 Mar 2025 10:00:05 +0000' },
      { id: 'late', subject: '[PATCH v3 2/2] b again', date: 'Mon, 10 Mar 2025 10:00:05 +0000' },
    );
    expect(model.series.map((s) => s.patches.map((p) => p.msgid))).toEqual([['u1', 'u2'], ['x1'], ['late']]);
    expect(model.series[2].missing).toEqual([1]);
  });

  it('missing and extra patches are listed', async () => {
    const { model } = await load(
      { id: 'c', subject: '[RFC PATCH v4 00/27] big' },
      { id: 'p7', subject: '[RFC PATCH v4 07/27] seven', replyTo: 'c' },
      { id: 'p30', subject: '[RFC PATCH v4 30/27] beyond', replyTo: 'c' },
    );
    const s = model.series[0];
    expect(s.rfc).toBe(true);
    expect(s.patches.map((p) => p.index)).toEqual([7]);
    expect(s.missing).toHaveLength(26);
    expect(s.extra.map((p) => p.msgid)).toEqual(['p30']);
  });

  it('replies attach to the patch they answer; trailers keep their scope; cover trailers reach every patch', async () => {
    const { model } = await load(
      { id: 'c', subject: '[PATCH 0/2] feature' },
      { id: 'p1', subject: '[PATCH 1/2] one', replyTo: 'c' },
      { id: 'p2', subject: '[PATCH 2/2] two', replyTo: 'c' },
      { id: 'a', subject: 'Re: [PATCH 0/2] feature', from: 'Tess <tess@example.org>', replyTo: 'c', body: '> quoted\n\nAcked-by: Tess <tess@example.org> # for the cgroup parts\n' },
      { id: 'r', subject: 'Re: [PATCH 2/2] two', from: 'Rita <rita@example.org>', replyTo: 'p2', refs: ['c', 'p2'], body: 'Reviewed-by: Rita <rita@example.org> [for the mm bits]\n' },
      { id: 'rr', subject: 'Re: [PATCH 2/2] two', from: 'Mal <mal@example.org>', replyTo: 'r', refs: ['c', 'p2', 'r'], body: 'Tested-by: Someone Else <else@example.org>\n' },
    );
    const [p1, p2] = model.series[0].patches;
    expect(model.comments).toBe(3);
    expect(p2.replies.map((r) => [r.msgid, r.depth])).toEqual([['r', 1], ['rr', 2]]);
    const acks = p1.trailers.filter((t) => t.name === 'Acked-by');
    expect(acks).toMatchObject([{ scope: '# for the cgroup parts', source: 'cover', applied: true }]);
    const rb = p2.trailers.find((t) => t.name === 'Reviewed-by')!;
    expect(rb).toMatchObject({ scope: '[for the mm bits]', source: 'followup', applied: true, fromMsgid: 'r' });
    const tb = p2.trailers.find((t) => t.name === 'Tested-by')!;
    expect(tb.applied).toBe(false);
    expect(tb.note).toMatch(/differs from the sender/);
  });

  it('b4 naked cover samples: a same-author root is a cover, a bug report is not', async () => {
    const single = await loadSources([corpus('b4-samples/naked-cover-single.mbox')]);
    expect(single.model.series[0].cover?.subject).toBe('do a thing to the widget subsystem');
    const bug = await loadSources([corpus('b4-samples/naked-cover-bugreport.mbox')]);
    expect(bug.model.series).toHaveLength(1);
    expect(bug.model.series[0].cover).toBeNull();
  });
});

// Review feedback across versions on the demo: the v1 comment on struct page is open while only v1
// exists (the author promised a fix), and resolved once v2 changes the hunk and its changelog names it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { trackFeedback } from '../src/review/feedback.js';
import { coverChangelog, patchNotes } from '../src/review/changelog.js';
import { namesComment, promisesChange } from '../src/review/feedback-text.js';
import { ROOT } from './helpers/corpus.js';

const V1 = join(ROOT, 'patches', 'fenced-nodes-v1.mbox');
const V2 = join(ROOT, 'patches', 'fenced-nodes-v2.mbox');
const COMMENT = 'ZecrJ4kQm1vT8wXa@ol-t14';
const ANSWER = '8734t2k1xq.fsf@example.com';

async function review(files: string[]) {
  const loaded = await loadSources(files);
  return { loaded, review: buildReview(loaded) };
}

/** Write edited copies of the demo mboxes to a temp dir. */
function edited(edits: { file: string; from: string; to: string }[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ls-fb-'));
  return [V1, V2].map((f) => {
    let text = readFileSync(f, 'utf8');
    for (const e of edits.filter((x) => x.file === f)) {
      expect(text, e.from).toContain(e.from);
      text = text.replace(e.from, e.to);
    }
    const out = join(dir, f.endsWith('v1.mbox') ? 'v1.mbox' : 'v2.mbox');
    writeFileSync(out, text);
    return out;
  });
}

describe('the v1 review comment on struct page', () => {
  it('is open with v1 alone: the author answered "will fix in v2", a promise, not a fix', async () => {
    const { loaded, review: r } = await review([V1]);
    const items = trackFeedback(r.series, loaded.mails);
    expect(items).toHaveLength(1);
    const c = items[0];
    expect(c).toMatchObject({ msgid: COMMENT, version: 1, patch: 1, file: 'include/linux/mm_types.h', status: 'open' });
    expect(c.reviewer.name).toBe('Oskar Lindqvist');
    expect(c.reasons).toEqual([expect.objectContaining({ kind: 'answered', msgid: ANSWER, promised: true })]);
    expect(c.why).toMatch(/^open: the author promised a change/);
    expect(c.url).toBe(`https://lore.kernel.org/all/${COMMENT}/`);
  });

  it('is resolved with v2: the quoted hunk changed and the v2 changelog names the reviewer', async () => {
    const { loaded, review: r } = await review([V1, V2]);
    const c = trackFeedback(r.series, loaded.mails).find((x) => x.msgid === COMMENT)!;
    expect(c.status).toBe('resolved');
    const kinds = c.reasons.map((x) => x.kind);
    expect(kinds).toEqual(['answered', 'changelog', 'hunk-changed']);
    const hunk = c.reasons.find((x) => x.kind === 'hunk-changed');
    expect(hunk).toMatchObject({ version: 2, patch: 1, msgid: '20240311094207.40112-2-mira.castellano@example.com' });
    const log = c.reasons.find((x) => x.kind === 'changelog');
    expect(log).toMatchObject({ version: 2, msgid: '20240311094207.40112-1-mira.castellano@example.com' });
    expect(log && 'names' in log && log.names).toEqual(['Oskar Lindqvist', 'zone_device_data']);
    expect(c.why).toMatch(/quoted lines changed in v2/);
  });

  it('each reason alone resolves it: hunk changed without a changelog', async () => {
    const files = edited([
      { file: V2, from: ' - Put page->fence_id in a union with zone_device_data instead of adding\n   a word after pgmap, which pushed zone_device_data onto ->mapping\n   (Oskar Lindqvist).\n', to: ' - Reworked the page field.\n' },
      { file: V2, from: 'v2: put fence_id in a union with zone_device_data instead of adding a\n    word after pgmap (Oskar)\n', to: '' },
    ]);
    const { loaded, review: r } = await review(files);
    const c = trackFeedback(r.series, loaded.mails).find((x) => x.msgid === COMMENT)!;
    expect(c.reasons.map((x) => x.kind)).toEqual(['answered', 'hunk-changed']);
    expect(c.status).toBe('resolved');
  });

  it('stays open when v2 carries the quoted hunk unchanged and the changelog says nothing of it', async () => {
    // v2 1/5 with v1's mm_types.h hunk put back (blob ids and counts as in v1) and no changelog.
    const v1Hunk = readFileSync(V1, 'utf8').match(/diff --git a\/include\/linux\/mm_types\.h[\s\S]*?(?=diff --git a\/include\/linux\/mmzone\.h)/)![0];
    const v2Hunk = readFileSync(V2, 'utf8').match(/diff --git a\/include\/linux\/mm_types\.h[\s\S]*?(?=diff --git a\/include\/linux\/mmzone\.h)/)![0];
    const files = edited([
      { file: V2, from: v2Hunk, to: v1Hunk },
      { file: V2, from: 'Changes since v1:', to: 'Notes:' },
      { file: V2, from: 'v2: put fence_id in a union with zone_device_data instead of adding a\n    word after pgmap (Oskar)\n', to: '' },
    ]);
    const { loaded, review: r } = await review(files);
    const c = trackFeedback(r.series, loaded.mails).find((x) => x.msgid === COMMENT)!;
    expect(c.status).toBe('open');
    expect(c.reasons.map((x) => x.kind)).toEqual(['answered']);
  });

  it('with the quoted hunk unchanged, the changelog naming it is enough', async () => {
    const hunkOf = (f: string) => readFileSync(f, 'utf8').match(/diff --git a\/include\/linux\/mm_types\.h[\s\S]*?(?=diff --git a\/include\/linux\/mmzone\.h)/)![0];
    const files = edited([{ file: V2, from: hunkOf(V2), to: hunkOf(V1) }]);
    const { loaded, review: r } = await review(files);
    const c = trackFeedback(r.series, loaded.mails).find((x) => x.msgid === COMMENT)!;
    expect(c.reasons.map((x) => x.kind)).toEqual(['answered', 'changelog']);
    expect(c.status).toBe('resolved');
  });

  it('an answer without a promise marks it answered', async () => {
    const files = edited([{ file: V1, from: 'You are right, I counted the words of the wrong member.  Will fix in\nv2: fence_id goes into a union with zone_device_data.', to: 'The word is needed: the data is only kept while the page is mapped.' }]);
    const { loaded, review: r } = await review([files[0]]);
    const c = trackFeedback(r.series, loaded.mails)[0];
    expect(c.status).toBe('answered');
    expect(c.reasons).toEqual([expect.objectContaining({ kind: 'answered', promised: false })]);
  });
});

describe('v2 feedback', () => {
  it('the export question is open (promised for v3); the Reviewed-by reply is not an open request', async () => {
    const { loaded, review: r } = await review([V1, V2]);
    const items = trackFeedback(r.series, loaded.mails).filter((x) => x.version === 2);
    expect(items.map((x) => [x.patch, x.status, x.reasons.map((y) => y.kind)])).toEqual([
      [1, 'resolved', ['approved']],
      [2, 'open', ['answered']],
    ]);
  });
});

describe('changelogs and intent', () => {
  it('reads the demo v2 cover changelog and patch notes', async () => {
    const { loaded, review: r } = await review([V2]);
    const s = r.series[0];
    const entries = coverChangelog(s.cover!.message);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/^Put page->fence_id in a union .* \(Oskar Lindqvist\)\.$/);
    expect(entries[2]).toBe('3/5 is unchanged from v1.');
    expect(patchNotes(loaded.mails.get(s.patches[0].msgid)!.body)).toEqual(['v2: put fence_id in a union with zone_device_data instead of adding a word after pgmap (Oskar)']);
    expect(patchNotes(loaded.mails.get(s.patches[1].msgid)!.body)).toEqual([]);
  });

  it('other changelog shapes', () => {
    const body = 'Intro.\n\nv2 -> v3:\n- drop the export (Oskar)\n- rename foo_bar\n\nv1 -> v2:\n* first change\n  continued\n\nv1: https://lore.kernel.org/r/x@y\n';
    expect(coverChangelog(body)).toEqual(['drop the export (Oskar)', 'rename foo_bar', 'first change continued']);
  });

  it('promises and names', () => {
    expect(promisesChange('Will fix in v2.')).toBe(true);
    expect(promisesChange("Good catch, I'll drop it in the next version")).toBe(true);
    expect(promisesChange('No: the caller holds the lock. See v2 of the other series.')).toBe(false);
    const oskar = { name: 'Oskar Lindqvist', email: 'oskar.lindqvist@example.org' };
    expect(namesComment('Moved the field (Oskar)', oskar, 'x', [])).toEqual(['Oskar']);
    expect(namesComment('Renamed page_fence()', oskar, 'please rename page_fence', ['+int page_fence(void);'])).toEqual(['page_fence']);
    expect(namesComment('Rebased on v6.9-rc1', oskar, 'please rename page_fence', ['+int page_fence(void);'])).toEqual([]);
  });
});

// Lines that read like trailers but are not, on real list mail: mail headers pasted into a reply,
// and the trailers of a patch a reply carries (inline or attached). Never applied, even with -S.
import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/pipeline/load.js';
import { writeAm } from '../src/am/index.js';
import { buildReview } from '../src/review/build.js';
import { corpus } from './helpers/corpus.js';
import { archiveThread } from './helpers/archive.js';
import { IDENTITY } from './am-fixture.js';

describe('mail headers quoted in a reply are not trailers', () => {
  // Jan Kara's reply in "[PATCH -next v5 0/3] support concurrent sync io for bfq" pastes the Received
  // and Authentication-Results headers of a huawei.com mail while debugging DKIM; b4 0.17-dev takes the
  // Authentication-Results lines for trailers (measured in the issue).
  const ROOT = '20220428120837.3737765-1-yukuai3@huawei.com';

  it('am, even with --sloppy-trailers, adds only the real Reviewed-by', async () => {
    const file = await archiveThread(ROOT);
    const loaded = await loadSources([file], { sloppyTrailers: true });
    const { mbox, warnings } = writeAm(loaded, { msgid: ROOT, identity: IDENTITY, sloppyTrailers: true });
    expect(mbox.match(/^[A-Z][A-Za-z-]+-by: .*$/gm)!.sort()).toEqual([
      ...Array(3).fill('Reviewed-by: Jan Kara <jack@suse.cz>'),
      ...Array(3).fill('Signed-off-by: Yu Kuai <yukuai3@huawei.com>'),
    ].sort());
    expect(mbox).not.toMatch(/^(Received|Authentication-Results|DKIM-Signature|ARC-[A-Za-z-]+):/m);
    expect(warnings.join('\n')).not.toMatch(/Received|Authentication-Results/);
    // The pasted headers are in the thread, unquoted: the test would mean nothing otherwise.
    const jan = [...loaded.mails.values()].find((m) => m.msgid === '20220607095430.kac5jgzm2gvd7x3c@quack3.lan')!;
    expect(jan.body).toMatch(/^Authentication-Results: smtp-in2\.suse\.de;$/m);
    expect(jan.body).toMatch(/^Received: from frasgout\.his\.huawei\.com/m);
  });
});

describe('a patch carried by a reply', () => {
  it('inline: Qais Yousef\'s suggested patch (scissors, format-patch From line) keeps its Signed-off-by', async () => {
    const loaded = await loadSources([corpus('real/threads/115.mbox')]);
    const replies = loaded.model.series.flatMap((s) => s.patches.flatMap((p) => p.replies));
    const qais = replies.find((r) => r.msgid === '20221216233501.gh6m75e7s66dmjgo@airbuntu')!;
    expect(qais.suggestedPatch?.kind).toBe('inline');
    expect(qais.suggestedPatch!.trailers.map((t) => `${t.name}: ${t.value}`)).toEqual([
      'Debugged-by: Rick Yiu <rickyiu@google.com>', 'Signed-off-by: Qais Yousef (Google) <qyousef@layalina.io>',
    ]);
    expect(qais.suggestedPatch!.trailers.every((t) => !t.applied)).toBe(true);
    expect(qais.trailers).toEqual([]);
    // In the review model it is a suggestion on the patch it answers, with its diff parsed.
    const review = buildReview(loaded);
    const p3 = review.series.flatMap((s) => s.patches).find((p) => p.replies.some((r) => r.msgid === qais.msgid))!;
    const sug = p3.suggestions.find((x) => x.replyMsgid === qais.msgid)!;
    expect(sug.files.map((f) => [f.path, f.additions, f.deletions])).toEqual([['kernel/cgroup/cpuset.c', 6, 0], ['kernel/sched/deadline.c', 3, 0]]);
  });

  it('inline, wrapped by the mailer: David Hildenbrand\'s "something like this" patch in the RFC v4 names all four files', async () => {
    // Thunderbird wrapped two long lines of the pasted diff; the patch still runs to its last file.
    const loaded = await loadSources([corpus('real/rfc-v4/private-memory-nodes-v4.mbox')]);
    const review = buildReview(loaded);
    const s = review.series.find((x) => x.id === '20260222084842.1824063-1-gourry@gourry.net')!;
    const sug = s.cover!.suggestions.find((x) => x.replyMsgid === 'd01fb1ed-2418-42ee-aea2-37f9a5c5729c@kernel.org')!;
    expect(sug.kind).toBe('inline');
    expect(sug.files.map((f) => f.path)).toEqual(['include/linux/sched.h', 'include/linux/sched/mm.h', 'mm/mempolicy.c', 'mm/page_alloc.c']);
    expect(sug.trailers.map((t) => `${t.name}: ${t.value}`)).toEqual(['Signed-off-by: David Hildenbrand (Arm) <david@kernel.org>']);
  });

  it('a maintainer answering with the version he applied: none of its trailers reach the series', async () => {
    // Tejun Heo answered 05/11 of 023 with "the version updated to use irqsave/restore applied to
    // cgroup/for-6.8-bpf" after a scissors line: its trailers, his own Signed-off-by as committer among
    // them, describe the commit in his tree, not the 05/11 under review.
    const loaded = await loadSources([corpus('real/threads/023.mbox')]);
    const replies = loaded.model.series.flatMap((s) => [...(s.cover?.replies ?? []), ...s.patches.flatMap((p) => p.replies)]);
    const tejun = replies.find((r) => r.msgid === 'ZU1riY0lCI3YkAqg@slm.duckdns.org')!;
    expect(tejun.suggestedPatch!.trailers.map((t) => `${t.name}: ${t.value}`)).toEqual([
      'Suggested-by: Tejun Heo <tj@kernel.org>', 'Signed-off-by: Yafang Shao <laoar.shao@gmail.com>',
      'Cc: Hou Tao <houtao@huaweicloud.com>', 'Signed-off-by: Tejun Heo <tj@kernel.org>',
    ]);
    expect(tejun.trailers).toEqual([]);
    const { mbox } = writeAm(loaded, { msgid: '20231029061438.4215-1-laoar.shao@gmail.com', identity: IDENTITY });
    expect(mbox).not.toContain('Signed-off-by: Tejun Heo <tj@kernel.org>');
    expect(mbox).toContain('Acked-by: Tejun Heo <tj@kernel.org>');
  });

  it('attached: a patch attached to a reply is a suggestion with its diff, and the reply text stays the reply', async () => {
    // Waiman Long answered "[PATCH v10 0/8] cgroup/cpuset" with a patch attached as a MIME part.
    const file = await archiveThread('20220503162149.1764245-1-longman@redhat.com');
    const loaded = await loadSources([file]);
    const review = buildReview(loaded);
    const s = review.series.find((x) => x.id === '20220503162149.1764245-1-longman@redhat.com')!;
    const sug = s.cover!.suggestions.find((x) => x.replyMsgid === 'e5249756-2fb8-e0f8-69f9-9ebb12a54618@redhat.com')!;
    expect(sug.kind).toBe('attachment');
    expect(sug.files.length).toBeGreaterThan(0);
    expect(sug.files.every((f) => f.path.length > 0 && f.additions + f.deletions > 0)).toBe(true);
    const mail = loaded.mails.get(sug.replyMsgid)!;
    expect(mail.body).not.toBe(mail.patch);
  });
});

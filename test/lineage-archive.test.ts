// Version lineage on real series from the 2019-2023 cgroups archive whose title changed between
// versions, and on near misses: the same author, the same files, other work. Each case was read
// (cover letters, "Changes in vN", "This series replaces…") before it was written down here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import type { ReviewModel, ReviewSeries } from '../src/model/review.js';
import type { Mail } from '../src/model/mail.js';
import type { LineageSummary } from '../src/model/lineage.js';
import { evidence } from '../src/review/lineage-evidence.js';
import { judge } from '../src/review/lineage.js';
import { buildData } from '../src/views/tui/data.js';
import { initState } from '../src/views/tui/state.js';
import { openPatch } from '../src/views/tui/nav.js';
import { digestSeries } from '../src/review/digest.js';
import { renderMarkdown } from '../src/views/digest/markdown.js';
import { cli } from './helpers/corpus.js';
import { pressAll } from './tui-render.js';
import { summarize } from '../src/review/lineage-summary.js';
import { versionLinks } from '../src/review/version-links.js';
import { extractThreads } from './helpers/archive-threads.js';

// Yu Kuai's blk-throttle fixes: v1 a lone patch, v2-v4 "bugfix for blk-throttle", v5-v7 "bugfix and
// cleanup for blk-throttle" (v6 resent from a new address), v8-v9 "blk-throttle bugfix".
const YK = {
  v1: '20220517134909.2910251-1-yukuai3@huawei.com',
  v2: '20220518072751.1188163-1-yukuai3@huawei.com',
  v3: '20220519085811.879097-1-yukuai3@huawei.com',
  v4: '20220523082633.2324980-1-yukuai3@huawei.com',
  v5: '20220528064330.3471000-1-yukuai3@huawei.com',
  v6: '20220701074923.657426-1-yukuai3@huawei.com',
  v6resend: '20220701093441.885741-1-yukuai1@huaweicloud.com',
  v7: '20220802140415.2960284-1-yukuai1@huaweicloud.com',
  v8: '20220823033130.874230-1-yukuai1@huaweicloud.com',
  v9: '20220829022240.3348319-1-yukuai1@huaweicloud.com',
  // v8 "move cleanups to a separate patchset": posted the same day as a new series.
  cleanups1: '20220823013810.406075-1-yukuai1@huaweicloud.com',
  cleanups2: '20220827101637.1775111-1-yukuai1@huaweicloud.com',
  bypass: '20220921095309.1481289-1-yukuai1@huaweicloud.com',
  // "multiple cleanup patches for bfq" v2 is "rebased based on this patchset: <link>", his bfq series.
  bfqCleanupV1: '20220514090522.1669270-1-yukuai3@huawei.com',
  bfqCleanupV2: '20220521073523.3118246-1-yukuai3@huawei.com',
  bfqSyncIoV5: '20220428120837.3737765-1-yukuai3@huawei.com',
};
// Yosry Ahmed's memcg stats work: four titles for one series (RFC, v1, v2, v3), a follow-up whose
// cover cites the v3 as "A previous patch series [1]", and three series that replace each other
// but say they are not new versions ("I did not send this as v5", "It is not a v2").
const YA = {
  rfc: '20230323040037.2389095-1-yosryahmed@google.com',
  v1: '20230328061638.203420-1-yosryahmed@google.com',
  v2: '20230328221644.803272-1-yosryahmed@google.com',
  v3: '20230330191801.1967435-1-yosryahmed@google.com',
  elimRfc: '20230403220337.443510-1-yosryahmed@google.com',
  elimV5: '20230421174020.2994750-1-yosryahmed@google.com',
  nonUnifiedV4: '20230831165611.2610118-1-yosryahmed@google.com',
  sophisticated: '20230913073846.1528938-1-yosryahmed@google.com',
  subtree: '20230921081057.3440885-1-yosryahmed@google.com',
  bpfV5: '20220722174829.3422466-1-yosryahmed@google.com',
};
// Alex Shi's per-memcg lru_lock: v2 rewrote every patch under a new title.
const AS = { v1: '1566294517-86418-1-git-send-email-alex.shi@linux.alibaba.com', v2: '1573567588-47048-1-git-send-email-alex.shi@linux.alibaba.com' };
// Waiman Long's cpuset series in 2023: one renamed twice, four others on the same file.
const WL = {
  isolcpusRfc: '20230412153758.3088111-1-longman@redhat.com',
  remoteIsolatedV2: '20230531163405.2200292-1-longman@redhat.com',
  remoteV3: '20230627005529.1564984-1-longman@redhat.com',
  hotplugV1: '20230202031749.118146-1-longman@redhat.com',
  hotplugV2: '20230202143200.128753-1-longman@redhat.com',
  miscV1: '20230306200849.376804-1-longman@redhat.com',
  miscV2: '20230317151508.1225282-1-longman@redhat.com',
  cloneV1: '20230331145045.2251683-1-longman@redhat.com',
  cloneV2: '20230404170546.2585050-1-longman@redhat.com',
};
// The BPF rstat series, handed over from Yosry Ahmed (v5) to Hao Luo (v6).
const HL = { v6: '20220801175407.2647869-1-haoluo@google.com' };
// A b4-sent series: change-id in the cover, "- Link to v1:" in the changelog.
const B4 = { v1: '20230713-vfs-eventfd-signal-v1-0-7fda6c5d212b@kernel.org', v2: '20231122-vfs-eventfd-signal-v2-0-bd549b14ce0c@kernel.org' };

let review: ReviewModel;
let cutPath: string;
let removeCut = () => {};
let mails: Map<string, Mail>;
const series = (id: string): ReviewSeries => {
  const s = review.series.find((x) => x.id === id);
  if (!s) throw new Error(`series ${id} not in the extract`);
  return s;
};
const body = (id: string) => mails.get(id)?.body;
const summary = (id: string) => summarize(series(id), body);

beforeAll(async () => {
  const cut = await extractThreads([...Object.values(YK), ...Object.values(YA), ...Object.values(AS), ...Object.values(WL), ...Object.values(HL), ...Object.values(B4)], 'lineage.mbox');
  cutPath = cut.path;
  removeCut = cut.remove;
  const loaded = await loadSources([cut.path]);
  mails = loaded.mails;
  review = buildReview(loaded);
}, 120_000);
afterAll(() => removeCut());

describe('a series renamed between versions is one lineage', () => {
  it('Yu Kuai: v1..v9 under four titles and two addresses, each naming the version before', () => {
    const chain = [YK.v1, YK.v2, YK.v3, YK.v4, YK.v5, YK.v6, YK.v6resend, YK.v7, YK.v8, YK.v9];
    chain.forEach((id, i) => expect(series(id).previous, id).toBe(i ? chain[i - 1] : null));
    expect(series(YK.v9).versions).toEqual(chain);
    expect(new Set(chain.map((id) => series(id).title)).size).toBe(4);
    expect(new Set(chain.map((id) => series(id).author.email.toLowerCase())).size).toBe(2);
    // The RESEND from the new address follows v6 (same title), though its cover links only v1..v5.
    expect(series(YK.v6resend).lineage?.matchedBy).toBe('title');
    expect(series(YK.v8).lineage).toMatchObject({ matchedBy: 'link', version: 7, title: 'bugfix and cleanup for blk-throttle' });
  });

  it('Yu Kuai v7 → v8: the four fixes carried over, the five cleanups dropped (and posted apart as a new series)', () => {
    const m = series(YK.v8).lineage!.patches;
    expect(m.filter((x) => x.kind === 'unchanged' || x.kind === 'changed').map((x) => [x.older, x.newer])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    const dropped = m.filter((x) => x.kind === 'dropped').map((x) => series(YK.v7).patches.find((p) => p.index === x.older)!.title);
    expect(dropped).toHaveLength(5);
    // "blk-throttle cleanups" carries three of the dropped patches: strong evidence, but a [PATCH 0/4]
    // after v7 is new work, so it is not linked to the old series.
    const cleanups = series(YK.cleanups1);
    expect(cleanups.patches.filter((p) => dropped.includes(p.title))).toHaveLength(3);
    const e = evidence(summary(YK.v7), summary(YK.cleanups1));
    expect(e.patchIds + e.patchTitles).toBeGreaterThanOrEqual(3);
    expect(cleanups.previous).toBeNull();
    expect(series(YK.cleanups2).previous).toBe(YK.cleanups1);
    expect(series(YK.cleanups2).versions).toEqual([YK.cleanups1, YK.cleanups2]);
    expect(series(YK.bypass).versions).toEqual([YK.bypass]);
  });

  it('Yosry Ahmed: RFC → v1 → v2 → v3 under four titles; v3 by its cover links, the others by their patches', () => {
    const chain = [YA.rfc, YA.v1, YA.v2, YA.v3];
    expect(new Set(chain.map((id) => series(id).title)).size).toBe(4);
    chain.forEach((id, i) => expect(series(id).previous, id).toBe(i ? chain[i - 1] : null));
    expect(series(YA.v3).lineage?.matchedBy).toBe('link');
    for (const id of [YA.v1, YA.v2]) {
      const l = series(id).lineage!;
      expect(l.matchedBy).toBe('evidence');
      expect(l.evidence.patchIds + l.evidence.patchTitles).toBeGreaterThanOrEqual(4);
    }
    // "Dropped controversial patch 4 from v2": the mapping says so.
    const m = series(YA.v3).lineage!.patches;
    expect(m.filter((x) => x.kind === 'dropped').map((x) => x.older)).toEqual([4]);
    expect(m.filter((x) => x.kind === 'new')).toEqual([]);
  });

  it('Alex Shi: v2 shares no patch title with v1 and is still linked, by the 14 files and the title words', () => {
    const l = series(AS.v2).lineage!;
    expect(l.previous).toBe(AS.v1);
    expect(l.matchedBy).toBe('evidence');
    expect(l.evidence.patchIds + l.evidence.patchTitles).toBe(0);
    expect(l.evidence.sharedFiles).toBe(14);
    expect(series(AS.v1).title).not.toBe(series(AS.v2).title);
  });

  it('Waiman Long: RFC "A new isolcpus partition" → v2 "Support remote isolated partitions" → v3 "Support remote partitions"', () => {
    const chain = [WL.isolcpusRfc, WL.remoteIsolatedV2, WL.remoteV3];
    expect(series(WL.remoteV3).versions).toEqual(chain);
    expect(series(WL.remoteV3).lineage?.matchedBy).toBe('link');
    expect(series(WL.remoteIsolatedV2).previous).toBe(WL.isolcpusRfc);
  });

  it('b4: the change-id links eventfd v1 → v2, four months apart, and the cover\'s "Link to v1" names the same series', () => {
    const v2 = series(B4.v2);
    expect(v2.changeId).toBe(series(B4.v1).changeId);
    expect(v2.lineage).toMatchObject({ previous: B4.v1, matchedBy: 'change-id' });
    expect(versionLinks(v2.cover!.message)).toEqual([B4.v1]);
  });

  it('a series handed over keeps its lineage: Hao Luo\'s v6 follows Yosry Ahmed\'s v5', () => {
    const l = series(HL.v6).lineage!;
    expect(series(HL.v6).author.email).not.toBe(series(YA.bpfV5).author.email);
    expect(l.previous).toBe(YA.bpfV5);
    expect(l.evidence.patchIds + l.evidence.patchTitles).toBeGreaterThanOrEqual(4);
  });
});

describe('the same author on the same files, other work, is not linked', () => {
  it('a cover citing earlier work as "A previous patch series [1]" is not its version: v5 follows its RFC', () => {
    const v5 = series(YA.elimV5);
    expect(v5.cover!.message).toContain(YA.v3);
    expect(versionLinks(v5.cover!.message)).toEqual([YA.elimRfc]);
    expect(v5.previous).toBe(YA.elimRfc);
    expect(v5.versions).not.toContain(YA.v3);
    expect(evidence(summary(YA.v3), summary(YA.elimV5)).sharedFiles).toBeGreaterThan(0);
  });

  it('a prerequisite the cover links ("rebased based on this patchset:") is not the version before', () => {
    const v2 = series(YK.bfqCleanupV2);
    expect(v2.cover!.message).toContain(YK.bfqSyncIoV5);
    expect(versionLinks(v2.cover!.message)).not.toContain(YK.bfqSyncIoV5);
    expect(v2.previous).toBe(YK.bfqCleanupV1);
    expect(v2.versions).not.toContain(YK.bfqSyncIoV5);
  });

  it('"not sent as v5", "not a v2": three flushing series that replace each other stay apart', () => {
    const sophisticated = series(YA.sophisticated);
    const subtree = series(YA.subtree);
    expect(sophisticated.cover!.message).toContain('I did not send this as v5');
    expect(subtree.cover!.message).toContain('It is not a v2');
    // They share files and a patch, which is what makes them a near miss.
    const e = evidence(summary(YA.sophisticated), summary(YA.subtree));
    expect(e.patchTitles + e.patchIds).toBeGreaterThanOrEqual(1);
    expect(e.sharedFiles).toBeGreaterThanOrEqual(2);
    expect(evidence(summary(YA.nonUnifiedV4), summary(YA.sophisticated)).sharedFiles).toBeGreaterThanOrEqual(1);
    expect(sophisticated.previous).toBeNull();
    expect(subtree.previous).toBeNull();
    expect(series(YA.nonUnifiedV4).versions).not.toContain(YA.sophisticated);
  });

  it('Waiman Long: four cpuset series on kernel/cgroup/cpuset.c keep their own versions', () => {
    const works = [[WL.hotplugV1, WL.hotplugV2], [WL.miscV1, WL.miscV2], [WL.cloneV1, WL.cloneV2], [WL.isolcpusRfc, WL.remoteIsolatedV2, WL.remoteV3]];
    for (const w of works) for (const id of w) expect(series(id).versions, id).toEqual(w);
    const files = (id: string) => new Set(series(id).patches.flatMap((p) => p.files.map((f) => f.path)));
    for (const w of works) expect(files(w[w.length - 1]).has('kernel/cgroup/cpuset.c')).toBe(true);
  });
});

describe('the rules, one condition changed at a time on real pairs', () => {
  const later = (x: LineageSummary, days: number): LineageSummary => ({ ...x, date: new Date(Date.parse(x.date!) + days * 86_400_000).toISOString() });

  it('a time window: Yosry Ahmed\'s v2 a hundred days later still follows v1, three hundred days later not', () => {
    const [v1, v2] = [summary(YA.v1), summary(YA.v2)];
    expect(judge(v1, v2)?.by).toBe('evidence');
    expect(judge(v1, later(v2, 100))?.by).toBe('evidence');
    expect(judge(v1, later(v2, 300))).toBeNull();
    expect(judge(v1, later(v2, 100), { windowDays: 60 })).toBeNull();
  });

  it('a version going down is new work, however alike: Alex Shi\'s rewrite numbered below its predecessor is not linked', () => {
    const [v1, v2] = [summary(AS.v1), summary(AS.v2)];
    expect(judge(v1, v2)?.by).toBe('evidence');
    expect(judge({ ...v1, version: 3 }, v2)).toBeNull();
    // The same version again needs most patches to recur; the rewrite shares none.
    expect(judge({ ...v1, version: 2 }, v2)).toBeNull();
  });

  it('change-ids decide when both series have one: different ones part a same-title pair, the same one links across authors', () => {
    const [a, b] = [summary(WL.hotplugV1), summary(WL.hotplugV2)];
    expect(judge(a, b)?.by).toBe('title');
    expect(judge({ ...a, changeId: 'hotplug-1' }, { ...b, changeId: 'hotplug-2' })).toBeNull();
    const other = { ...b, author: { name: 'Someone Else', email: 'else@example.org' } };
    expect(judge({ ...a, changeId: 'hotplug' }, { ...other, changeId: 'hotplug' })?.by).toBe('change-id');
  });

  it('the same person across addresses by name, and not a different person at the same version', () => {
    const [v6, resend] = [summary(YK.v6), summary(YK.v6resend)];
    expect(v6.author.email).not.toBe(resend.author.email);
    expect(judge(v6, resend)?.by).toBe('title');
    expect(judge(v6, { ...resend, author: { name: 'Someone Else', email: 'else@example.org' } })).toBeNull();
  });
});

describe('lineage in the views', () => {
  it('series --json names the version before and the patch mapping; digest says "Changes since v7 (its title)"', () => {
    const r = cli(['series', '--json', cutPath]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const v8 = json.series.find((x: { id: string }) => x.id === YK.v8);
    expect(v8.previous).toBe(YK.v7);
    expect(v8.lineage).toMatchObject({ previous: YK.v7, version: 7, title: 'bugfix and cleanup for blk-throttle', matchedBy: 'link' });
    expect(v8.lineage.patches.filter((m: { kind: string }) => m.kind === 'dropped')).toHaveLength(5);
    expect(json.series.find((x: { id: string }) => x.id === YK.v1).previous).toBeNull();

    const d = cli(['digest', cutPath]);
    expect(d.code).toBe(0);
    const v9 = d.stdout.slice(d.stdout.indexOf('# blk-throttle bugfix (v9)'));
    expect(v9).toContain('## Changes since v8\n');
    const v3 = d.stdout.slice(d.stdout.indexOf('# memcg: avoid flushing stats atomically where possible (v3)'));
    expect(v3).toContain('## Changes since v2 (memcg: make rstat flushing irq and sleep)');
    expect(v3).toContain('Matched because this cover letter links it as an earlier version.');
    const as = d.stdout.slice(d.stdout.indexOf('# per lruvec lru\\_lock for memcg (v2)'));
    expect(as).toMatch(/## Changes since v1 \(per memcg lru\\_lock\)\n\nVersion before: v1 “per memcg lru\\_lock” \(2019-08-20, 84 days earlier\)\. Matched because same author; no patch recurs by diff or title; 14 files in common/);
    const json2 = JSON.parse(cli(['digest', '--format', 'json', cutPath]).stdout);
    const dv3 = json2.series.find((x: { summary: { seriesId: string } }) => x.summary.seriesId === YA.v3);
    expect(dv3.previousVersion).toMatchObject({ id: YA.v2, version: 2, matchedBy: 'link' });
    expect(dv3.changes.older).toMatchObject({ id: YA.v2, title: 'memcg: make rstat flushing irq and sleep' });
    expect(dv3.summary.versions.map((v: { title: string }) => v.title)).toHaveLength(4);
  });

  it('digest of v2: the patch renamed since v1 is paired by its files and shown with its old title', () => {
    const d = digestSeries(review, series(YK.v2), mails);
    const renamed = d.changes!.patches[0];
    expect(renamed).toMatchObject({ kind: 'changed', matchedBy: 'files' });
    expect(renamed.older!.title).not.toBe(renamed.newer!.title);
    const text = renderMarkdown([d]);
    expect(text).toContain(`(was: ${renamed.older!.title.replace(/_/g, '\\_')})`);
    expect(text).toContain('## Changes since v1 (blk-throttle: delay the setting of');
    expect(text).toContain('(2022-05-17, 1 day earlier)');
  });

  it('TUI: V from a v8 patch opens the same patch of v7 under the old title; v from a patch v8 dropped lands on the overview', () => {
    const data = buildData(review);
    const i8 = review.series.findIndex((x) => x.id === YK.v8);
    const i7 = review.series.findIndex((x) => x.id === YK.v7);
    expect(data.previousOf[i8]).toBe(i7);
    expect(data.changes[i8]).toEqual(series(YK.v8).lineage!.patches.filter((m) => m.newer !== null).map((m) => (m.kind === 'unchanged' ? 'same' : m.kind)));
    const s8 = openPatch({ ...initState(data, { width: 120, height: 40 }), series: i8, back: ['overview'] }, 2);
    const s7 = pressAll(s8, 'V');
    expect(s7.series).toBe(i7);
    expect(s7.screen).toBe('patch');
    expect(series(YK.v7).patches[s7.patch.pos].index).toBe(series(YK.v8).patches[2].index);
    expect(s7.status?.text).toBe('v7 "bugfix and cleanup for blk-throttle": 8 of 10 versions');
    const dropped = series(YK.v7).patches.findIndex((p) => p.index === 6);
    const back = pressAll(openPatch({ ...s7, back: ['overview'] }, dropped), 'v');
    expect(back.series).toBe(i8);
    expect(back.screen).toBe('overview');
  });
});

// The terminal UI on the real RFC v4 thread: the thread view shows who wrote what (a gist per reply,
// not the subject repeated 104 times), and the discussion view, reachable from the overview, shows
// the sub-threads with their state, the people and who spoke for each section.
import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { collectMessages } from '../src/review/messages.js';
import { focusRow } from '../src/views/tui/nav.js';
import { renderScreen } from './tui-render.js';
import { maintainersAnalysers } from './digest-helpers.js';
import { corpus } from './helpers/corpus.js';

const loaded = await loadSources([corpus('real', 'rfc-v4', 'private-memory-nodes-v4.mbox')]);
const review = buildReview(loaded, maintainersAnalysers());
const model = { review, messages: collectMessages(loaded.mails, review) };
const lines = (f: string) => f.split('\n');

describe('the RFC v4 thread in the terminal UI', () => {
  it('the thread view: one row per message with its author, date and gist, indented by depth', async () => {
    const s = await screen();
    await s.press('t');
    const rows = s.state().data.model.series[0].cover!.replies;
    // 75 of the 76 replies are "Re: [LSF/MM/BPF TOPIC][RFC PATCH v4 00/27] …" (some with "[Lsf-pc]"), the other
    // the author's "Re: [LSF/MM/BPF TOPIC] Private Memory Nodes - follow up": none of it is drawn.
    expect(rows.filter((r) => /^Re: .*\[RFC PATCH v4 00\/27\] Private Memory/.test(r.subject))).toHaveLength(75);
    let f = s.frame();
    expect(lines(f)[0]).toMatch(/^Thread: Private Memory Nodes \(w\/ Compressed RAM\) \(v4, 104 messages\) · 8 sub-threads: 3 wait for the author, 5 for a reviewer/);
    expect(f).not.toContain('Re: [');
    expect(f).toContain("2026-02-23 13:07 David Hildenbrand (…   └ [waits: reviewer] I'm concerned about adding more special-casing (similar to what we already");
    expect(f).toContain("2026-02-23 14:54 Gregory Price            └ It's a valid concern - and is why I tried to re-use as many of the zone_device hooks as");
    // "Arun George/Arun George" in his From: line, shown by the name he goes by.
    expect(f).toContain('2026-04-29 06:15 Arun George                └ A curious question please.');
    // Further down: Zenghui Yu's request, deep in Balbir Singh's sub-thread.
    await s.press('/', ...'Cc me', 'enter');
    f = s.frame();
    const row = lines(f).find((l) => l.startsWith('2026-06-12 05:09 Zenghui Yu'))!;
    expect(row).toMatch(/└ Could you please Cc me in the next version\? I appreciate that/);
    // Indented by depth: two cells per level, the cover letter's direct replies one level in.
    const depth = s.state().data.model.series[0].cover!.replies.find((r) => r.from.email === 'yuzenghui@huawei.com')!.depth;
    expect(row.indexOf('└') - 38).toBe(2 * depth);
    expect(depth).toBeGreaterThan(5);
    const texts = lines(f).slice(1, -1).filter((l) => l.trim());
    expect(new Set(texts).size).toBe(texts.length);
    s.unmount();
  }, 60_000);

  it('from the cover letter row, d opens the sub-threads with their state; enter opens one in the thread', async () => {
    const s = await screen();
    expect(s.frame()).toContain('Discussion (d): 8 sub-threads here, 3 waiting for the author, 5 for a reviewer, 0 settled; 12 people');
    await s.press('d');
    let f = s.frame();
    expect(lines(f)[0]).toMatch(/^Discussion: Private Memory Nodes \(w\/ Compressed RAM\) \(v4\) · 8 sub-threads/);
    expect(f).toContain('  1 [waits: reviewer] David Hildenbrand (Arm) · cover · 5 msgs · 2026-02-23 – 2026-03-19 · answer due from David Hildenbrand (Arm)');
    expect(f).toContain('  6 [waits: author] Yiannis Nikolakopoulos · cover · 1 msg · 2026-05-05 · answer due from Gregory Price');
    // The author owes the first answer where reviewers wait for him; reviewers the author answered follow.
    expect(f).toContain('  4 [waits: author] David Hildenbrand (Arm) · cover · 15 msgs · 2026-03-17 – 2026-04-20 · answer due from Gregory Price, Frank');
    expect(f).toContain('  David Hildenbrand (Arm) · 13 messages in 3 sub-threads · M MEMORY HOT(UN)PLUG (by name)');
    expect(f).toContain('  Vlastimil Babka (SUSE) · 4 messages in 1 sub-thread · M SLAB ALLOCATOR (by name)');
    await s.press('.', '.', '.');
    expect(s.state().discussion.cursor).toBe(7);
    await s.press('enter');
    f = s.frame();
    expect(s.state().screen).toBe('thread');
    const focused = s.state().data.model.series[0].discussion.subThreads[3];
    expect(focusRow(s.state())?.msgid).toBe(focused.id);
    expect(f).toContain('David Hildenbrand (…   └ [waits: author] stumbling over this again');
    expect(focused.id).toBe('3342acb5-8d34-4270-98a2-866b1ff80faf@kernel.org');
    await s.press('escape');
    await s.press('G');
    f = s.frame();
    expect(f).toContain('  MEMORY HOT(UN)PLUG: spoke David Hildenbrand (Arm) (M)');
    expect(f).toContain('      silent: Oscar Salvador (M)');
    s.unmount();
  }, 60_000);
});

function screen() {
  return renderScreen(model, { width: 140, height: 40 });
}

// The discussion model on the real RFC v4 thread (cover, 27 patches, 76 replies, all of them on the
// cover letter) with MAINTAINERS-6.12: who took part, on which question, who is waiting for whom,
// and which MAINTAINERS people spoke.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { digestSeries } from '../src/review/digest.js';
import { gistOf, isClosing, ownWords } from '../src/review/gist.js';
import { renderMarkdown } from '../src/views/digest/markdown.js';
import type { Participant, SubThread } from '../src/model/discussion.js';
import { renderHtml } from '../src/views/digest/html.js';
import { discussionRows } from '../src/views/tui/discussion-rows.js';
import { threadRows } from '../src/views/tui/thread-rows.js';
import { buildData } from '../src/views/tui/data.js';
import { rowText } from '../src/views/tui/rows.js';
import { cli, corpus } from './helpers/corpus.js';
import { MAINTAINERS, maintainersAnalysers } from './digest-helpers.js';

export const RFC = corpus('real', 'rfc-v4', 'private-memory-nodes-v4.mbox');
const COVER = '20260222084842.1824063-1-gourry@gourry.net';

const loaded = await loadSources([RFC]);
const review = buildReview(loaded, maintainersAnalysers());
const s = review.series[0];
const d = s.discussion;
const person = (name: string): Participant => {
  const p = d.people.find((x) => x.name.startsWith(name));
  expect(p, name).toBeTruthy();
  return p!;
};
const sub = (id: string): SubThread => {
  const st = d.subThreads.find((x) => x.id === id);
  expect(st, id).toBeTruthy();
  return st!;
};
const bodyOf = (msgid: string) => loaded.mails.get(msgid)!.body;

/** Keep only the messages with these Message-IDs from an mboxrd file (a real sub-thread, cut where we want it). */
function cutMbox(file: string, keep: Set<string>): string {
  const text = readFileSync(file, 'utf8');
  const parts = text.split(/^(?=From mboxrd@z )/m).filter((m) => {
    const id = /^Message-ID:\s*<([^>]+)>/im.exec(m)?.[1];
    return id !== undefined && keep.has(id);
  });
  expect(parts).toHaveLength(keep.size);
  const dir = mkdtempSync(join(tmpdir(), 'ls-disc-'));
  const out = join(dir, 'cut.mbox');
  writeFileSync(out, parts.join(''));
  return out;
}

describe('the people of the RFC v4 thread', () => {
  it('the series is the cover letter, 27 patches and 76 replies, every one on the cover letter', () => {
    expect(review.series).toHaveLength(1);
    expect(s.cover?.msgid).toBe(COVER);
    expect(s.patches).toHaveLength(27);
    expect(s.cover?.replies).toHaveLength(76);
    expect(s.patches.every((p) => p.replies.length === 0)).toBe(true);
  });

  it('each person once, with as many messages as their From: lines say', () => {
    // Counted from the mail itself, by sender address: every sender here wrote from one address.
    const byAddress = new Map<string, number>();
    for (const m of loaded.mails.values()) byAddress.set(m.from.email.toLowerCase(), (byAddress.get(m.from.email.toLowerCase()) ?? 0) + 1);
    const speakers = d.people.filter((p) => p.messages > 0);
    expect(speakers.reduce((n, p) => n + p.messages, 0)).toBe(104);
    for (const p of speakers) expect(p.messages, p.name).toBe(p.emails.reduce((n, e) => n + (byAddress.get(e) ?? 0), 0));
    expect(speakers.map((p) => [p.name, p.messages])).toEqual([
      ['Gregory Price', 67],
      ['David Hildenbrand (Arm)', 13],
      ['Balbir Singh', 8],
      ['Arun George', 4],
      ['Vlastimil Babka (SUSE)', 4],
      ['Alistair Popple', 2],
      ['Alejandro Lucero Palau', 1],
      ['Matthew Brost', 1],
      ['Frank van der Linden', 1],
      ['Yiannis Nikolakopoulos', 1],
      ['Zenghui Yu', 1],
      ['Brendan Jackman', 1],
    ]);
    expect(d.counts.participants).toBe(12);
    const author = person('Gregory Price');
    expect(author).toMatchObject({ author: true, replies: 39, subThreads: 7 });
    expect(speakers.filter((p) => p.author)).toHaveLength(1);
  });

  it('"Arun George/Arun George" and "Arun George" are one person, shown by the plain name', () => {
    const arun = person('Arun George');
    expect(arun.name).toBe('Arun George');
    expect(arun.names).toEqual(expect.arrayContaining(['Arun George/Arun George', 'Arun George']));
    expect(arun.emails).toEqual(['arun.george@samsung.com']);
  });

  it('David Hildenbrand (Arm) <david@kernel.org> is the MEMORY HOT(UN)PLUG maintainer listed as <david@redhat.com>', () => {
    const david = person('David Hildenbrand');
    expect(david.affiliations).toEqual(['Arm']);
    expect(david.emails).toEqual(['david@kernel.org', 'david@redhat.com']);
    expect(david.joins).toEqual([{ email: 'david@redhat.com', to: 'david@kernel.org', by: 'name' }]);
    expect(david.roles).toEqual([
      { section: 'MEMORY HOT(UN)PLUG', role: 'maintainer', listed: { name: 'David Hildenbrand', email: 'david@redhat.com' }, matchedBy: 'name' },
    ]);
    // The section is touched (patch 22, mm/memory_hotplug.c), and MAINTAINERS-6.12 lists him under that address only.
    expect(s.patches[21].sections.map((x) => x.name)).toContain('MEMORY HOT(UN)PLUG');
    expect(readFileSync(MAINTAINERS, 'utf8').match(/^[MR]:\s*David Hildenbrand <([^>]+)>/gm)?.every((l) => l.includes('david@redhat.com'))).toBe(true);
    const vlastimil = person('Vlastimil Babka');
    expect(vlastimil.roles.map((r) => [r.section, r.role, r.listed.email, r.matchedBy])).toEqual([['SLAB ALLOCATOR', 'maintainer', 'vbabka@suse.cz', 'name']]);
  });

  it('per touched section: who spoke and who has been silent', () => {
    const touched = [...new Set(s.patches.flatMap((p) => p.sections.map((x) => x.name)))].filter((n) => n !== 'THE REST');
    expect(d.sections.map((v) => v.name)).toEqual(touched);
    const v = (name: string) => d.sections.find((x) => x.name === name)!;
    expect(v('MEMORY HOT(UN)PLUG').spoke).toEqual([
      { person: 'david@kernel.org', name: 'David Hildenbrand', email: 'david@redhat.com', role: 'maintainer', matchedBy: 'name', messages: 13, subThreads: expect.any(Array) },
    ]);
    expect(v('MEMORY HOT(UN)PLUG').spoke[0].subThreads).toHaveLength(3);
    expect(v('MEMORY HOT(UN)PLUG').silent).toEqual([{ name: 'Oscar Salvador', email: 'osalvador@suse.de', role: 'maintainer' }]);
    expect(v('SLAB ALLOCATOR').spoke.map((x) => x.person)).toEqual(['vbabka@kernel.org']);
    expect(v('MEMORY MANAGEMENT')).toMatchObject({ spoke: [], silent: [{ name: 'Andrew Morton', role: 'maintainer' }] });
    // Every listed person is either speaking or silent, once.
    for (const sec of d.sections) {
      const ref = s.patches.flatMap((p) => p.sections).find((x) => x.name === sec.name)!;
      expect(sec.spoke.length + sec.silent.length, sec.name).toBe(new Set([...ref.maintainers, ...ref.reviewers].map((a) => a.email)).size);
    }
    expect(d.ambiguousNames).toEqual([]);
  });
});

describe('the sub-threads of the RFC v4 thread', () => {
  it('each direct reply to the cover letter opens one; every reply is in exactly one', () => {
    const direct = s.cover!.replies.filter((r) => r.parent === COVER).map((r) => r.msgid);
    expect(d.subThreads.map((st) => st.id).sort()).toEqual([...direct].sort());
    expect(d.subThreads.map((st) => person(st.opener === 'gourry@gourry.net' ? 'Gregory' : d.people.find((p) => p.id === st.opener)!.name).name)).toEqual([
      'David Hildenbrand (Arm)', 'Alistair Popple', 'Alejandro Lucero Palau', 'David Hildenbrand (Arm)', 'Arun George', 'Yiannis Nikolakopoulos', 'Gregory Price', 'Balbir Singh',
    ]);
    const all = d.subThreads.flatMap((st) => st.thread.map((m) => m.msgid));
    expect(all).toHaveLength(76);
    expect(new Set(all)).toEqual(new Set(s.cover!.replies.map((r) => r.msgid)));
    expect(d.subThreads.every((st) => st.target.patch === 0 && st.target.msgid === COVER)).toBe(true);
    expect(d.subThreads.map((st) => st.messages)).toEqual([5, 9, 3, 15, 8, 1, 1, 34]);
    for (const st of d.subThreads) {
      expect(st.thread[0]).toMatchObject({ msgid: st.id, depth: 1 });
      expect(st.first).toBe(st.thread.map((m) => m.date!).sort()[0]);
      expect(st.participants.reduce((n, p) => n + p.messages, 0)).toBe(st.messages);
    }
    expect(d.counts).toMatchObject({ subThreads: 8, waitingAuthor: 3, waitingReviewer: 5, settled: 0 });
  });

  it("David's first question was answered by the author, who now waits for him", () => {
    const st = sub('c10400db-2259-4465-a07e-19d0691101a4@kernel.org');
    expect(st.gist).toBe("I'm concerned about adding more special-casing (similar to what we already added for ZONE_DEVICE) all over the place.");
    expect(st.state).toBe('waiting-reviewer');
    expect(st.pending.map((p) => [p.msgid, p.from, p.waitingFor])).toEqual([['abwIZd7FNPj5YYXQ@gourry-fedora-PF4VCD3F', 'gourry@gourry.net', ['david@kernel.org']]]);
    expect(st.why).toBe("Gregory Price's answer has no reply yet from David Hildenbrand (Arm) (last 2026-03-19)");
    // He wrote "mprotect.c"; the series touches one file of that name.
    expect(bodyOf(st.id)).toContain('mprotect.c');
    expect(s.patches.some((p) => p.files.some((f) => f.path === 'mm/mprotect.c'))).toBe(true);
    expect(st.quotes.files).toContain('mm/mprotect.c');
  });

  it('Yiannis Nikolakopoulos got no answer: waiting for the author', () => {
    const st = sub('21B8D62E-38AB-4FA5-8942-DA4417A7E7E9@gmail.com');
    expect(st).toMatchObject({ state: 'waiting-author', messages: 1 });
    expect(st.pending).toEqual([expect.objectContaining({ from: 'yiannis.nikolakop@gmail.com', waitingFor: ['gourry@gourry.net'] })]);
  });

  it("the author answered two of David's three messages of 2026-04-17, not the one on mbind() for guest_memfd", () => {
    const st = sub('3342acb5-8d34-4270-98a2-866b1ff80faf@kernel.org');
    expect(st.state).toBe('waiting-author');
    const answered = (id: string) => st.thread.some((m) => m.parent === id && m.from === 'gourry@gourry.net');
    expect(answered('46837cea-5d90-49d8-be67-7306e0e89aa3@kernel.org')).toBe(true);
    expect(answered('6d4f702c-5ad6-4f84-a73e-c9e34965be98@kernel.org')).toBe(true);
    expect(st.thread.some((m) => m.parent === '3d077c4c-6abe-47f6-a4df-3e853fbcc551@kernel.org')).toBe(false);
    const forAuthor = st.pending.filter((p) => p.waitingFor.includes('gourry@gourry.net'));
    expect(forAuthor.map((p) => p.msgid)).toEqual(['3d077c4c-6abe-47f6-a4df-3e853fbcc551@kernel.org']);
    expect(forAuthor[0].gist).toMatch(/^Yes\. There is now an interface to configure mbind\(\) for guest_memfd\./);
    expect(st.why).toMatch(/^Gregory Price has not answered the message from David Hildenbrand \(Arm\) \(last 2026-04-17\)/);
  });

  it("in Balbir Singh's sub-thread an ack or a thanks waits for nobody, a request does", () => {
    const st = sub('ag6XyvxR-NU5rGn-@parvat');
    expect(st.state).toBe('waiting-author');
    const msg = (id: string) => st.thread.find((m) => m.msgid === id)!;
    // Vlastimil's last word: "… Ack. I guess not. Thanks for the explanation!"
    expect(msg('6b22698c-ac2e-4c71-9448-50f073b4efc6@kernel.org').closing).toBe(true);
    // Balbir: "Agreed. That's good progress, thanks for the update!"
    expect(msg('ain4uajELdHbxjlO@parvat')).toMatchObject({ closing: true, gist: 'Agreed.' });
    // Zenghui Yu: "Could you please Cc me in the next version?"
    expect(msg('8b998e9f-1d91-6dfd-8065-cfa7a3b19028@huawei.com').closing).toBe(false);
    const pending = st.pending.map((p) => p.msgid);
    expect(pending).not.toContain('6b22698c-ac2e-4c71-9448-50f073b4efc6@kernel.org');
    expect(pending).not.toContain('ain4uajELdHbxjlO@parvat');
    expect(pending).toContain('8b998e9f-1d91-6dfd-8065-cfa7a3b19028@huawei.com');
    // David's "something like this" patch: its files are what the sub-thread is about too.
    const diffs = [...bodyOf('d01fb1ed-2418-42ee-aea2-37f9a5c5729c@kernel.org').matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1]);
    expect(diffs.length).toBeGreaterThan(0);
    // (The suggested-patch reader stops after the first of its four files today: at least that one, and none it does not carry.)
    const suggests = msg('d01fb1ed-2418-42ee-aea2-37f9a5c5729c@kernel.org').suggests;
    expect(suggests[0]).toBe(diffs[0]);
    expect(diffs).toEqual(expect.arrayContaining(suggests));
    for (const f of suggests) expect(st.quotes.files).toContain(f);
    expect(st.thread.filter((m) => m.suggests.length).map((m) => m.msgid)).toEqual(['d01fb1ed-2418-42ee-aea2-37f9a5c5729c@kernel.org']);
    // Nothing is pending that someone answered in the thread.
    for (const p of st.pending) expect(st.thread.some((m) => m.parent === p.msgid), p.msgid).toBe(false);
  });

  it("the same real sub-thread, cut at Balbir's \"Agreed … thanks for the update\", is settled", async () => {
    const chain = ['ag6XyvxR-NU5rGn-@parvat', 'ahOqzpzAua96HVkn@gourry-fedora-PF4VCD3F', 'ah47NNhuiClgGCdn@parvat', 'ah6bDNxlB1zBUnzN@gourry-fedora-PF4VCD3F',
      'ah-0CyZurn5D1ezY@parvat', 'aik_ddHymus2DJ6D@gourry-fedora-PF4VCD3F', 'ain4uajELdHbxjlO@parvat'];
    const cut = await loadSources([cutMbox(RFC, new Set([COVER, ...chain]))]);
    const r = buildReview(cut);
    const [only] = r.series[0].discussion.subThreads;
    expect(only.thread.map((m) => m.msgid)).toEqual(chain);
    expect(only.state).toBe('settled');
    expect(only.pending).toEqual([]);
    expect(only.why).toBe("Every branch ends in an ack or thanks; the last word, Balbir Singh's on 2026-06-10, agrees or thanks");
    // Cut one message earlier, the author's update waits for Balbir.
    const earlier = buildReview(await loadSources([cutMbox(RFC, new Set([COVER, ...chain.slice(0, -1)]))])).series[0].discussion.subThreads[0];
    expect(earlier).toMatchObject({ state: 'waiting-reviewer', pending: [expect.objectContaining({ msgid: 'aik_ddHymus2DJ6D@gourry-fedora-PF4VCD3F', waitingFor: ['balbirs@nvidia.com'] })] });
  });
});

describe('gists of real messages', () => {
  const gist = (id: string) => d.subThreads.flatMap((st) => st.thread).find((m) => m.msgid === id)!.gist;

  it('skip the greeting, the attribution line, snip marks and the signature', () => {
    expect(bodyOf('b704b05e-3e65-4a73-84c0-21557b0cc38f@amd.com')).toMatch(/^Hi Gregory,/m);
    expect(gist('b704b05e-3e65-4a73-84c0-21557b0cc38f@amd.com')).toMatch(/^I can see the nid param is just a "preferred nid"/);
    // Alistair's mailer writes "On 2026-02-22 at 19:48 +1100, Gregory Price <gourry@gourry.net> wrote..."
    expect(bodyOf('fzy6f6dpv3oq3ksr2mkst7pz3daeb3buhuvdvcw4633pcl7h6u@mxjgiwpg5acv')).toContain('wrote...');
    expect(gist('fzy6f6dpv3oq3ksr2mkst7pz3daeb3buhuvdvcw4633pcl7h6u@mxjgiwpg5acv')).toMatch(/^Having had to re-implement entire portions of mm\/ in a driver/);
    expect(bodyOf('8b998e9f-1d91-6dfd-8065-cfa7a3b19028@huawei.com')).toContain('[ trim the Cc list ]');
    expect(gist('8b998e9f-1d91-6dfd-8065-cfa7a3b19028@huawei.com')).toBe('Could you please Cc me in the next version? I appreciate that and would be happy to follow this work.');
    // "Thanks." on a line of its own before the message proper.
    expect(gist('1891546521.01779449881859.JavaMail.epsvc@epcpadp2new')).toMatch(/^I am trying to bring the device perspective here/);
  });

  it('every gist is one line of the message\'s own words, bounded, with no controls', () => {
    for (const m of d.subThreads.flatMap((st) => st.thread)) {
      expect(m.gist.length, m.msgid).toBeGreaterThan(0);
      expect([...m.gist].length, m.msgid).toBeLessThanOrEqual(200);
      expect(m.gist).not.toMatch(/[\x00-\x1f\x7f]/);
      expect(m.gist, m.msgid).not.toMatch(/^(>|On .*wrote|Hi\b|Hello\b)/);
      expect(bodyOf(m.msgid).replace(/\s+/g, ' '), m.msgid).toContain(m.gist.replace(/…$/, '').slice(0, 40));
    }
  });

  it('control sequences from mail never reach a gist, and long text is cut', () => {
    const w = ownWords(`Hi all,\n\n\x1b[31mRed\x1b[0m alert: ${'word '.repeat(100)}\n\nThanks,\nEve\n`, { name: 'Eve Example', email: 'eve@example.org' });
    const g = gistOf(w);
    expect(g).toMatch(/^Red alert: word word/);
    expect(g).not.toContain('\x1b');
    expect(g.endsWith('…')).toBe(true);
    expect([...g].length).toBeLessThanOrEqual(200);
    expect(isClosing(ownWords('> quoted\nAcked-by: Tejun Heo <tj@kernel.org>\n'))).toBe(true);
    expect(isClosing(ownWords('Thanks, but this is still wrong.\n'))).toBe(false);
    expect(isClosing(ownWords('Thanks! Could you also fix the other caller?\n'))).toBe(false);
  });
});

describe('the discussion in series --json and the digest', () => {
  it('series --json carries the model\'s discussion as is', () => {
    const r = cli(['series', '--json', '--maintainers', MAINTAINERS, RFC]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.mailmap).toBeNull();
    expect(j.series[0].discussion).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it('digest --format json carries the discussion, and --since says where it stands', () => {
    const j = JSON.parse(cli(['digest', '--format', 'json', '--maintainers', MAINTAINERS, RFC]).stdout);
    expect(j.series[0].discussion).toEqual(JSON.parse(JSON.stringify(d)));
    expect(j.series[0].summary.counts).toMatchObject({ subThreads: 8, waitingAuthor: 3, waitingReviewer: 5, settled: 0, participants: 12 });
    const since = cli(['digest', '--since', '2026-06-01', '--maintainers', MAINTAINERS, RFC]);
    expect(since.stdout).toContain('- Discussion: 8 sub-threads: 3 waiting for the author, 5 waiting for a reviewer, 0 settled; 12 people took part');
  });

  it('the Markdown digest shows the sub-threads, the people and who spoke for each section', () => {
    const dg = digestSeries(review, s, loaded.mails);
    expect(dg.summary.counts).toMatchObject({ replies: 76, subThreads: 8, waitingAuthor: 3, waitingReviewer: 5, settled: 0, participants: 12 });
    const text = renderMarkdown([dg]);
    expect(text).toContain('- Discussion: 8 sub-threads: 3 waiting for the author, 5 waiting for a reviewer, 0 settled; 12 people took part');
    expect(text).toContain('| 1 | waiting for a reviewer | David Hildenbrand (Arm) | cover letter | 5 | David Hildenbrand (Arm) 2, Gregory Price 3 | 2026-02-23 – 2026-03-19 |');
    expect(text).toContain('| 6 | waiting for the author | Yiannis Nikolakopoulos | cover letter | 1 | Yiannis Nikolakopoulos 1 | 2026-05-05 |');
    expect(text).toContain('### 4. David Hildenbrand (Arm) on the cover letter: waiting for the author');
    expect(text).toContain('  - David Hildenbrand (Arm), 2026-04-17, waiting for Gregory Price: “Yes. There is now an interface to configure mbind() for guest\\_memfd.');
    expect(text).toContain('| David Hildenbrand (Arm) | david@kernel.org, david@redhat.com (by name) | 13 | 3 | 2026-02-23 – 2026-06-18 | MEMORY HOT(UN)PLUG (M, listed as David Hildenbrand \\<david@redhat.com\\>, by name) |');
    expect(text).toContain('| Gregory Price (author) | gourry@gourry.net | 67 (39 replies) | 7 |');
    expect(text).toContain('- **MEMORY HOT(UN)PLUG** (Maintained): spoke: David Hildenbrand (Arm) (M, 13 messages, by name); silent: Oscar Salvador (M)');
    expect(text).toContain('- **MEMORY MANAGEMENT** (Maintained): spoke: nobody; silent: Andrew Morton (M)');
    // The sign-off of the patch David pasted into a reply is not a review of every patch.
    expect(text).not.toContain('David Hildenbrand (Arm) (not listed)');
    expect(dg.summary.counts.reviewers).toBe(0);
  });
});

describe('hostile mail in the discussion', () => {
  it('names and words from mail stay text in Markdown, HTML and the terminal', async () => {
    const text = readFileSync(corpus('b4-samples', 'trailers-thread-with-followups.mbox'), 'utf8')
      .replace('From: Follow Upper <follow.upper@example.org>', 'From: "Eve <script>x</script> (Evil\x1b]0;pwn\x07 Corp)" <follow.upper@example.org>')
      .replace('\nReviewed-by: Follow Upper <follow.upper@example.org>\n', '\nHi Konstantin,\n\n\x1b[2J\x1b[31m<img src=x onerror=alert(1)> | [a](javascript:x)\x1b[0m what about this?\n');
    const dir = mkdtempSync(join(tmpdir(), 'ls-disc-hostile-'));
    writeFileSync(join(dir, 'x.mbox'), text);
    const l = await loadSources([join(dir, 'x.mbox')]);
    const r = buildReview(l);
    const st = r.series[0].discussion.subThreads[0];
    expect(st.gist).toBe('<img src=x onerror=alert(1)> | [a](javascript:x) what about this?');
    expect(st.state).toBe('waiting-author');
    const dg = digestSeries(r, r.series[0], l.mails);
    const html = renderHtml([dg]);
    expect(html).not.toMatch(/<script>|<img src=x|\x1b/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; | [a](javascript:x) what about this?');
    const mdText = renderMarkdown([dg]);
    expect(mdText).not.toMatch(/\x1b|(?<!\\)<(script|img)/);
    expect(mdText).toContain('\\<img src=x onerror=alert(1)\\> \\| \\[a\\](javascript:x) what about this?');
    const data = buildData(r);
    for (const row of [...threadRows(data, r.series[0], 100), ...discussionRows(data, r.series[0], 100)]) expect(rowText(row)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

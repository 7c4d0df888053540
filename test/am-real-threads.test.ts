// `am` on real list mail against b4 0.17-dev's output for the same thread (../shared/corpus/real):
// byte-identical, or a difference listed here with the b4 defect lorescope avoids, asserted exactly.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadSources } from '../src/pipeline/load.js';
import { writeAm } from '../src/am/index.js';
import { corpus } from './helpers/corpus.js';
import { IDENTITY } from './am-fixture.js';

interface ThreadCase { file: string; root: string; subject: string; messages: number }
const THREADS = corpus('real/threads');
const cases = (JSON.parse(readFileSync(`${THREADS}/cases.json`, 'utf8')) as { cases: ThreadCase[] }).cases;

async function am(file: string, root: string) {
  return writeAm(await loadSources([file]), { msgid: root, identity: IDENTITY });
}

/** The entries of an am-ready mbox, each starting with its `From git@z` line. */
const entries = (mbox: string) => mbox.split(/(?=^From git@z Thu Jan {2}1 00:00:00 1970$)/m).filter(Boolean);
const header = (entry: string, name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(entry)?.[1] ?? null;
const ids = (mbox: string) => entries(mbox).map((e) => header(e, 'Message-Id'));

/** `b4` with every line in `lines` removed once per occurrence listed. */
function without(b4: string, lines: string[]): string {
  const out = b4.split('\n');
  for (const l of lines) {
    const i = out.indexOf(l);
    if (i < 0) throw new Error(`b4's output has no line ${JSON.stringify(l)}`);
    out.splice(i, 1);
  }
  return out.join('\n');
}

type Check = (ours: string, b4: string) => void;

/**
 * Where lorescope and b4 differ, and why lorescope is right. Each check pins the difference down,
 * so a change on either side shows.
 */
const DIFFERENCES: Record<string, { why: string; check: Check }> = {
  '007': {
    why: 'partial reroll: v3 2/3 and v4 2/3 were sent as replies to the v2 cover letter. b4 only reconstitutes a reroll that replies to a patch with the same n/N, so it writes v4 2/3 alone ("missing [1/3]", "[3/3]"), which does not apply without them; lorescope writes v4 as v2 1/3 + v4 2/3 + v2 3/3.',
    check: (ours, b4) => {
      expect(ids(b4)).toEqual(['<20200914150928.7841-1-longman@redhat.com>']);
      expect(ids(ours)).toEqual(['<20200914024452.19167-2-longman@redhat.com>', '<20200914150928.7841-1-longman@redhat.com>', '<20200914024452.19167-4-longman@redhat.com>']);
      expect(entries(ours)[1]).toBe(entries(b4)[0]);
      expect(entries(ours).map((e) => header(e, 'Subject')!.slice(0, 15))).toEqual(['[PATCH v4 1/3] ', '[PATCH v4 2/3] ', '[PATCH v4 3/3] ']);
    },
  },
  '099': {
    why: 'partial reroll: v5 2/3 was sent as a reply to the v4 cover letter; b4 writes v5 2/3 alone, lorescope v4 1/3 + v5 2/3 + v4 3/3 (as 007).',
    check: (ours, b4) => {
      expect(entries(b4)).toHaveLength(1);
      expect(entries(ours)).toHaveLength(3);
      expect(entries(ours)[1]).toBe(entries(b4)[0]);
      expect(entries(ours).map((e) => header(e, 'Subject')!.slice(0, 15))).toEqual(['[PATCH v5 1/3] ', '[PATCH v5 2/3] ', '[PATCH v5 3/3] ']);
    },
  },
  '022': {
    why: 'b4 groups the 181-message thread by revision number alone, so its "v2" mixes three works (ipc cleanup, a tty fix, memcg accounting) and drops patches it takes for duplicates; lorescope writes the newest revision of the root\'s own series, "memcg accounting from OpenVZ" v7 (10 patches).',
    check: (ours, b4) => {
      expect(entries(b4).map((e) => header(e, 'Subject'))).toContain('[PATCH v2] memcg: enable accounting for tty-related objects');
      const subjects = entries(ours).map((e) => header(e, 'Subject')!);
      expect(subjects).toHaveLength(10);
      expect(subjects.every((s, i) => s.startsWith(`[PATCH v7 ${i + 1}/10] memcg: `))).toBe(true);
    },
  },
  '023': {
    why: 'b4 takes the latest-dated revision number in the thread, here the same author\'s unrelated one-patch compiler-gcc fix "[PATCH v2 bpf-next]" sent into the discussion; lorescope writes the root series, v3 of "bpf, cgroup: Add BPF support for cgroup1 hierarchy" (11 patches).',
    check: (ours, b4) => {
      expect(entries(b4).map((e) => header(e, 'Subject'))).toEqual(['[PATCH v2] compiler-gcc: Suppress -Wmissing-prototypes warning for']);
      expect(entries(ours).map((e) => header(e, 'Subject')!.slice(0, 16))).toEqual(Array.from({ length: 11 }, (_, i) => `[PATCH v3 ${i + 1}/11]`.padEnd(16, ' ')));
    },
  },
  '027': {
    why: 'b4 writes Michal Koutný\'s own 4-patch series "memcontrol selftests fixups" (v1, sent later into this thread) as the latest revision of David Vernet\'s v2 5-patch series; lorescope writes the v2 the root message belongs to.',
    check: (ours, b4) => {
      expect(entries(b4).map((e) => header(e, 'From'))).toEqual(Array(4).fill('Michal Koutný <mkoutny@suse.com>'));
      expect(entries(ours).map((e) => header(e, 'From'))).toEqual(Array(5).fill('David Vernet <void@manifault.com>'));
    },
  },
  '028': {
    why: 'Waiman Long proposed an extra "[PATCH 6/7]" in a reply; b4 (grouping by revision) splices it into Juri Lelli\'s 6-patch series as patch 6 and reports "missing [8/6]"; lorescope writes the series as its author sent it.',
    check: (ours, b4) => {
      const spliced = entries(b4).filter((e) => header(e, 'Message-Id') === '<20230329160240.2093277-1-longman@redhat.com>');
      expect(spliced).toHaveLength(1);
      expect(ours).toBe(entries(b4).filter((e) => !spliced.includes(e)).join(''));
    },
  },
  '048': {
    why: 'Johannes Weiner replied to review of 05/18 with a replacement patch carrying "Suggested-by: Hugh Dickins"; b4 ignores it for the sender mismatch, then adds it anyway through Hugh\'s reply to that message (b4 passes a parent reply\'s trailers down without the sender check). It is a trailer of the replacement patch, not of the 05/18 applied here.',
    check: (ours, b4) => expect(ours).toBe(without(b4, ['Suggested-by: Hugh Dickins <hughd@google.com>'])),
  },
  '051': {
    why: 'the author sent "[PATCH v2]" twice; b4 guesses the second is a v3 and rewrites its subject to "[PATCH v3]"; lorescope writes the same newest patch with the subject as sent (git am makes the same commit).',
    check: (ours, b4) => expect(ours).toBe(b4.replace('Subject: [PATCH v3] docs: block/bfq', 'Subject: [PATCH v2] docs: block/bfq')),
  },
  '063': {
    why: 'Andrew Morton answered with his "-fix" patch inline; b4 puts that fix\'s Link and Signed-off-by on 3/3. They belong to the fix patch (a Signed-off-by is a DCO statement: never invented).',
    check: (ours, b4) => expect(ours).toBe(without(b4, [
      'Link: https://lkml.kernel.org/r/CALvZod70Mvxr+Nzb6k0yiU2RFYjTD=0NFhKK-Eyp+5ejd1PSFw@mail.gmail.com',
      'Signed-off-by: Andrew Morton <akpm@linux-foundation.org>',
    ])),
  },
  '092': {
    why: 'Vlastimil Babka\'s reply to the cover quotes a range-diff whose indented lines include "Signed-off-by: Matthew Wilcox (Oracle)"; b4 ignores it for the sender mismatch, then adds it to 22/33 and 23/33 through Hyeonggon Yoo\'s reply to that reply. A range-diff line is not a trailer.',
    check: (ours, b4) => expect(ours).toBe(without(b4, Array(2).fill('Signed-off-by: Matthew Wilcox (Oracle) <willy@infradead.org>'))),
  },
  '115': {
    why: 'Qais Yousef answered 3/8 with a suggested patch (scissors, format-patch From line, his own Signed-off-by); b4 adds that Signed-off-by to Juri Lelli\'s 3/8.',
    check: (ours, b4) => expect(ours).toBe(without(b4, ['Signed-off-by: Qais Yousef (Google) <qyousef@layalina.io>'])),
  },
};

describe('am on every real thread: identical to b4 0.17-dev, or a listed b4 defect', () => {
  it('the corpus holds the 120 threads', () => expect(cases).toHaveLength(120));

  for (const c of cases) {
    const n = c.file.replace(/\.mbox$/, '');
    const known = DIFFERENCES[n];
    it(`${n} ${known ? '(differs: b4 defect)' : 'identical'}: ${c.subject.slice(0, 60)}`, async () => {
      const b4 = readFileSync(`${THREADS}/${n}.b4.mbx`, 'utf8');
      const { mbox } = await am(`${THREADS}/${c.file}`, c.root);
      if (!known) {
        expect(mbox).toBe(b4);
        return;
      }
      expect(mbox).not.toBe(b4);
      known.check(mbox, b4);
    });
  }
});

describe('the real RFC v4 (Private Memory Nodes)', () => {
  const DIR = corpus('real/rfc-v4');
  const COVER = '20260222084842.1824063-1-gourry@gourry.net';
  const SOB = 'Signed-off-by: David Hildenbrand (Arm) <david@kernel.org>';

  it('identical to b4 except that none of the 27 patches carries the Signed-off-by of David Hildenbrand\'s suggested patch', async () => {
    const b4 = readFileSync(`${DIR}/private-memory-nodes-v4.b4.mbx`, 'utf8');
    const { mbox, warnings } = await am(`${DIR}/private-memory-nodes-v4.mbox`, COVER);
    expect(b4.split('\n').filter((l) => l === SOB)).toHaveLength(27);
    expect(entries(mbox)).toHaveLength(27);
    expect(mbox).not.toContain(SOB);
    expect(mbox).toBe(without(b4, Array(27).fill(SOB)));
    // The reply is named on stderr with what was held back and why.
    expect(warnings).toContain(`  ~ ${SOB}  (inline patch in <d01fb1ed-2418-42ee-aea2-37f9a5c5729c@kernel.org> from David Hildenbrand (Arm) <david@kernel.org>)`);
  });

  it('records the reply as a suggested patch on the cover letter, with its withheld trailer', async () => {
    const { model } = await loadSources([`${DIR}/private-memory-nodes-v4.mbox`]);
    const s = model.series.find((x) => x.id === COVER)!;
    const carrying = s.cover!.replies.filter((r) => r.suggestedPatch);
    expect(carrying.map((r) => [r.msgid, r.suggestedPatch!.kind, r.suggestedPatch!.trailers.map((t) => `${t.name}: ${t.value}`)])).toContainEqual(
      ['d01fb1ed-2418-42ee-aea2-37f9a5c5729c@kernel.org', 'inline', [SOB]],
    );
    for (const p of s.patches) expect(p.trailers.some((t) => t.value.includes('david@kernel.org') && t.name === 'Signed-off-by')).toBe(false);
  });
});

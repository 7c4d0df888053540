// Which revision and which patches `am` writes: the newest revision of the thread's work (b4's rule),
// `-v N`, partial rerolls and `--no-partial-reroll`, and `-P` cherry-picks in b4's syntax, on real
// threads and b4's own samples; `-P` selections checked against the installed b4 where it runs.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { writeAm, type AmOptions } from '../src/am/index.js';
import { cli, corpus, hasCommand } from './helpers/corpus.js';
import { IDENTITY } from './am-fixture.js';

const thread = (n: string) => corpus('real/threads', `${n}.mbox`);
const RFC = corpus('real/rfc-v4/private-memory-nodes-v4.mbox');
const RFC_COVER = '20260222084842.1824063-1-gourry@gourry.net';

async function am(file: string, opts: AmOptions) {
  return writeAm(await loadSources([file]), { identity: IDENTITY, ...opts });
}
const subjects = (mbox: string) => [...mbox.matchAll(/^Subject: (.*)$/gm)].map((m) => m[1]);
const msgids = (mbox: string) => [...mbox.matchAll(/^Message-Id: <(.*)>$/gm)].map((m) => m[1]);

describe('revisions of a real thread (007: v2 0/3, then v3 2/3 and v4 2/3 sent under the v2 cover)', () => {
  const V2 = ['20200914024452.19167-2-longman@redhat.com', '20200914024452.19167-3-longman@redhat.com', '20200914024452.19167-4-longman@redhat.com'];
  const V3 = '20200914141955.2145-1-longman@redhat.com';
  const V4 = '20200914150928.7841-1-longman@redhat.com';

  it('any message of the thread names it; the newest revision, v4, is written whole', async () => {
    for (const anyMsg of ['20200914024452.19167-1-longman@redhat.com', V2[0], '20200914151836.GB16999@dhcp22.suse.cz']) {
      const r = await am(thread('007'), { msgid: anyMsg });
      expect(msgids(r.mbox)).toEqual([V2[0], V4, V2[2]]);
      expect(r.warnings).toContain('will use the latest revision: v4 (of v2, v3, v4; -v N picks another)');
    }
  });

  it('-v picks another revision: v2 as sent, v3 reconstituted from v2', async () => {
    expect(msgids((await am(thread('007'), { msgid: V2[0], version: 2 })).mbox)).toEqual(V2);
    const v3 = await am(thread('007'), { msgid: V2[0], version: 3 });
    expect(msgids(v3.mbox)).toEqual([V2[0], V3, V2[2]]);
    expect(subjects(v3.mbox).map((s) => s.slice(0, 14))).toEqual(['[PATCH v3 1/3]', '[PATCH v3 2/3]', '[PATCH v3 3/3]']);
    const none = await am(thread('007'), { msgid: V2[0], version: 7 });
    expect(none.mbox).toBe('');
    expect(none.warnings[0]).toMatch(/^no v7 of this series in the thread of <.*> \(revisions: v2, v3, v4\)$/);
  });

  it('--no-partial-reroll writes the reroll as sent: exactly what b4 writes for this thread', async () => {
    const r = await am(thread('007'), { msgid: V2[0], partialReroll: false });
    expect(msgids(r.mbox)).toEqual([V4]);
    expect(r.mbox).toBe(readFileSync(corpus('real/threads/007.b4.mbx'), 'utf8'));
    expect(r.warnings).toEqual(expect.arrayContaining(['patch 1/3 is missing', 'patch 3/3 is missing']));
  });

  it('carried patches keep the trailers they collected on v2', async () => {
    const v4 = (await am(thread('007'), { msgid: V2[0] })).mbox;
    const v2 = (await am(thread('007'), { msgid: V2[0], version: 2 })).mbox;
    const block = (mbox: string, id: string) => mbox.split(/(?=^From git@z )/m).find((e) => e.includes(`<${id}>`))!;
    expect(block(v4, V2[0]).replace(/^Subject: .*$/m, '')).toBe(block(v2, V2[0]).replace(/^Subject: .*$/m, ''));
    expect(block(v4, V2[0])).toMatch(/^Acked-by: Michal Hocko <mhocko@suse.com>$/m);
  });
});

describe('the newest revision of the same work, not of the thread', () => {
  it('110: [PATCH 1/2] then [PATCH v2] of the same patch: v2 (as b4)', async () => {
    const r = await am(thread('110'), { msgid: '20230615073226.1343-1-haifeng.xu@shopee.com' });
    expect(r.mbox).toBe(readFileSync(corpus('real/threads/110.b4.mbx'), 'utf8'));
    expect(msgids((await am(thread('110'), { msgid: '20230615073226.1343-1-haifeng.xu@shopee.com', version: 1 })).mbox)).toEqual(['20230615073226.1343-1-haifeng.xu@shopee.com']);
  });

  it('027: another author\'s series threaded into the discussion is not a revision of the root\'s', async () => {
    const root = await am(thread('027'), { msgid: '20220423155619.3669555-1-void@manifault.com' });
    expect(new Set([...root.mbox.matchAll(/^From: (.*)$/gm)].map((m) => m[1]))).toEqual(new Set(['David Vernet <void@manifault.com>']));
    // Naming a message of the other series writes that one.
    const other = await am(thread('027'), { msgid: '20220513171811.730-2-mkoutny@suse.com' });
    expect(subjects(other.mbox)[0]).toBe('[PATCH 1/4] selftests: memcg: Fix compilation');
  });
});

describe('-P cherry-picks (b4 syntax)', () => {
  const RFC_IDS = async (spec: string, msgid = RFC_COVER) => {
    const r = await am(RFC, { msgid, cherryPick: spec });
    return { indices: subjects(r.mbox).map((s) => Number(/ (\d+)\/27\]/.exec(s)![1])), warnings: r.warnings, mbox: r.mbox };
  };

  it('lists, ranges, open ranges and "-N" on the RFC v4', async () => {
    expect((await RFC_IDS('1,3,5-7,25-')).indices).toEqual([1, 3, 5, 6, 7, 25, 26, 27]);
    expect((await RFC_IDS('-3')).indices).toEqual([1, 2, 3]);
    expect((await RFC_IDS('<3, 27')).indices).toEqual([1, 2, 27]);
  });

  it('"_" takes the patch MSGID names, "*glob*" matches titles', async () => {
    const { model } = await loadSources([RFC]);
    const s = model.series.find((x) => x.id === RFC_COVER)!;
    const p7 = s.patches.find((p) => p.index === 7)!;
    expect((await RFC_IDS('_', p7.msgid)).indices).toEqual([7]);
    const glob = '*NP_OPS_*';
    const expected = s.patches.filter((p) => p.title.includes('NP_OPS_')).map((p) => p.index);
    expect(expected.length).toBeGreaterThan(0);
    expect((await RFC_IDS(glob)).indices).toEqual(expected);
  });

  it('a bad spec or an empty selection is one clear error and no output', async () => {
    for (const [spec, msg] of [['1,x', /unknown range "x"/], ['*no-such-title*', /no patch title matches/], ['40-50', /no patch of 1\.\.27 selected/]] as const) {
      const r = await RFC_IDS(spec);
      expect(r.mbox).toBe('');
      expect(r.warnings.join('\n')).toMatch(msg);
    }
    const viaCli = cli(['am', RFC, RFC_COVER, '-P', '1,x']);
    expect(viaCli.code).toBe(2);
    expect(viaCli.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lorescope: -P "1,x": unknown range "x"/)]);
  });

  const b4 = hasCommand('b4');
  it.runIf(b4)('selects the same patches as the installed b4 on b4\'s shazam sample and real threads', async () => {
    const runs: [string, string | undefined, string][] = [
      [corpus('b4-samples/shazam-git1-just-series.mbox'), undefined, '1,3-'],
      [corpus('b4-samples/shazam-git1-just-series.mbox'), undefined, '2'],
      [thread('018'), '20221129030147.27400-1-shikemeng@huawei.com', '2-4,9-'],
      [thread('018'), '20221129030147.27400-1-shikemeng@huawei.com', '<4'],
    ];
    for (const [file, msgid, spec] of runs) {
      const args = ['-q', 'am', '-m', file, '-P', spec, '-o', '-', ...(msgid ? [msgid] : [])];
      // A fresh HOME with only an identity (b4 exits 1 without one): no user config or cache of b4's.
      const home = mkdtempSync(join(tmpdir(), 'ls-b4home-'));
      writeFileSync(join(home, '.gitconfig'), `[user]\n\tname = ${IDENTITY.name}\n\temail = ${IDENTITY.email}\n`);
      const theirs = spawnSync('b4', args, { encoding: 'utf8', env: { ...process.env, HOME: home } });
      expect(theirs.status, theirs.stderr).toBe(0);
      const ours = await am(file, { msgid, cherryPick: spec });
      expect(msgids(ours.mbox)).toEqual(msgids(theirs.stdout));
      expect(msgids(ours.mbox).length).toBeGreaterThan(0);
    }
  });
});

// The series diffstat is the net change of the whole series (`git diff base..tip --stat`, what
// format-patch writes in the cover letter), composed from the patches alone. Checked against the
// cover letters of real series, against git on generated histories, and by invariants on real mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { parsePatch } from '../src/diff/parse.js';
import { formatDiffstat } from '../src/diff/diffstat.js';
import { seriesDiffstat } from '../src/diff/series-stat.js';
import type { ReviewSeries } from '../src/model/review.js';
import { corpus } from './helpers/corpus.js';
import { isolatedGitEnv } from './helpers/git-env.js';
import { mailBodies } from './diff-corpus.js';

const RFC_V4 = corpus('real', 'rfc-v4', 'private-memory-nodes-v4.mbox');
const TOTAL = /^ ?(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?\s*$/gm;

/** The last format-patch total line of a cover letter, as [files, insertions, deletions]. */
function coverTotal(s: ReviewSeries): [number, number, number] | null {
  const all = [...(s.cover?.message ?? '').matchAll(TOTAL)];
  const t = all[all.length - 1];
  return t ? [Number(t[1]), Number(t[2] ?? 0), Number(t[3] ?? 0)] : null;
}

const patchDiffs = (s: ReviewSeries) => s.patches.map((p) => ({ files: p.files, stat: p.diffstat, warnings: [] }));

describe('series diffstat on the RFC v4 thread', () => {
  it('is the cover letter\'s: 54 files, 4057 insertions, 152 deletions, line for line', async () => {
    const review = buildReview(await loadSources([RFC_V4]));
    const s = review.series.find((x) => x.cover?.msgid === '20260222084842.1824063-1-gourry@gourry.net')!;
    expect(s.patches).toHaveLength(27);
    expect([s.diffstat.files, s.diffstat.additions, s.diffstat.deletions]).toEqual([54, 4057, 152]);
    // The sum over patches (what the overview used to print) is not the series' change.
    expect(s.patches.reduce((n, p) => n + p.diffstat.files, 0)).toBe(99);
    const cover = s.cover!.message;
    const block = formatDiffstat(s.diffstat);
    expect(cover).toContain(block.split('\n').filter((l) => l.includes('|')).join('\n'));
    expect(cover).toContain(' 54 files changed, 4057 insertions(+), 152 deletions(-)');
  });
});

/**
 * Covers whose numbers cannot be met, each with the reason. Everything not listed must agree
 * exactly; a listed case must still disagree (so the list cannot go stale).
 *
 * "alignment": all patches are there and the net line change (insertions - deletions) is the
 * cover's, but git's diff of the two trees pairs the lines of one file differently from the
 * patches' own diffs. xdiff keeps lines that occur often in a file (blank lines, braces) from
 * matching inside runs of changed lines, which depends on the whole file, and the patches do not
 * carry the whole file.
 */
const CANNOT_AGREE: Record<string, { why: 'missing patches' | 'alignment'; note: string }> = {
  '007.mbox v2 mm/memcg: Miscellaneous cleanups and streamlining': { why: 'alignment', note: 'mm/memcontrol.c: git pairs one more line of mem_cgroup_get_max() than patch 2 did' },
  '022.mbox v1 memcg accounting from OpenVZ': { why: 'missing patches', note: 'only the cover letter is in the thread' },
  '030.mbox v5 Add Cgroup support for SGX EPC memory': { why: 'alignment', note: 'arch/x86/kernel/cpu/sgx/main.c, changed by several patches' },
  '056.mbox v4 Convert all THP vmstat counters to pages': { why: 'alignment', note: 'mm/memcontrol.c: memory_stats_init() removed where new helpers are added' },
  '061.mbox v1 Add Cgroup support for SGX EPC memory': { why: 'alignment', note: 'arch/x86/kernel/cpu/sgx/main.c, changed by several patches' },
  '065.mbox v1 remove the SLAB allocator': { why: 'alignment', note: 'mm/slub.c: git pairs two more lines than the patches did' },
  '089.mbox v3 Convert all THP vmstat counters to pages': { why: 'alignment', note: 'mm/memcontrol.c, as in 056 (v4 of the same work)' },
  '092.mbox v2 Separate struct slab from struct page': { why: 'missing patches', note: '2 of 33 patches in the thread' },
  '100.mbox v1 Fix bugs in memcontroller cgroup tests': { why: 'alignment', note: 'test_memcontrol.c: the cover pairs 4 lines fewer than the patches, whose own diffs sum to 61 changed lines against the cover\'s 69' },
  '102.mbox v1 Documentation: correct lots of spelling errors (series 2)': { why: 'missing patches', note: '1 of 9 patches in the thread' },
  '116.mbox v1 timers: Use timer_shutdown*() before freeing timers': { why: 'missing patches', note: 'only the cover letter is in the thread' },
};

describe('series diffstat against the cover letters of real series', () => {
  it('agrees with every format-patch cover diffstat in real/threads and kernel/series, except the listed cases', async () => {
    const dirs = [corpus('real', 'threads'), corpus('kernel', 'series')];
    let compared = 0;
    const agreed: string[] = [];
    const seen = new Set<string>();
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => /\.(mbox|patch)$/.test(n)).sort()) {
        const review = buildReview(await loadSources([join(dir, name)]));
        for (const s of review.series) {
          const cover = coverTotal(s);
          // A partial reroll shows the cover letter of the version it rerolls: that cover is compared there.
          if (!cover || s.partialReroll) continue;
          compared++;
          const key = `${name} v${s.version} ${s.title}`;
          const ours = [s.diffstat.files, s.diffstat.additions, s.diffstat.deletions];
          const known = CANNOT_AGREE[key];
          if (!known) {
            expect(ours, key).toEqual(cover);
            agreed.push(key);
            continue;
          }
          seen.add(key);
          expect(ours, `${key} is listed as disagreeing but agrees now: take it off the list`).not.toEqual(cover);
          if (known.why === 'missing patches') {
            expect(s.missing.length, key).toBeGreaterThan(0);
          } else {
            expect(s.missing, key).toEqual([]);
            expect(ours[0], key).toBe(cover[0]);
            expect(ours[1] - ours[2], key).toBe(cover[1] - cover[2]);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(CANNOT_AGREE).sort());
    // The corpus has 106 covers with a diffstat (kernel/series has no cover letters).
    expect(compared).toBe(106);
    expect(agreed.length).toBe(compared - Object.keys(CANNOT_AGREE).length);
  });

  it('keeps the net line change of every file of every real series (insertions - deletions add up)', async () => {
    const files = [
      ...readdirSync(corpus('kernel', 'series')).map((n) => corpus('kernel', 'series', n)),
      ...readdirSync(corpus('real', 'threads')).filter((n) => n.endsWith('.mbox')).map((n) => corpus('real', 'threads', n)),
    ];
    let series = 0;
    for (const f of files) {
      for (const s of buildReview(await loadSources([f])).series) {
        series++;
        const sum = s.patches.reduce((n, p) => n + p.diffstat.additions - p.diffstat.deletions, 0);
        expect(s.diffstat.additions - s.diffstat.deletions, `${f}: ${s.title}`).toBe(sum);
        expect(s.diffstat.additions + s.diffstat.deletions).toBeLessThanOrEqual(s.patches.reduce((n, p) => n + p.diffstat.additions + p.diffstat.deletions, 0));
        expect(s.diffstat.inexact).toEqual([]);
      }
    }
    expect(series).toBeGreaterThan(300);
  });
});

describe('series diffstat against git on generated histories', () => {
  let repo = '';
  const env = isolatedGitEnv();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }).toString('utf8');

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'lorescope-compose-'));
  });
  afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  /** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`equals git diff --stat over six random commits (seed ${seed})`, () => {
      rmSync(repo, { recursive: true, force: true });
      mkdirSync(repo);
      git('init', '-q', '-b', 'main');
      const rnd = random(seed);
      const pick = (n: number) => Math.floor(rnd() * n);
      let serial = 0;
      // Lines are unique, so every diff is unambiguous and git's and ours must agree exactly.
      const line = () => `line ${seed}.${++serial}`;
      const files = new Map<string, string[]>();
      for (let f = 0; f < 4; f++) files.set(`src/f${f}.c`, Array.from({ length: 30 + pick(40) }, line));
      const writeAll = () => {
        rmSync(join(repo, 'src'), { recursive: true, force: true });
        for (const [p, ls] of files) {
          mkdirSync(dirname(join(repo, p)), { recursive: true });
          writeFileSync(join(repo, p), ls.map((l) => l + '\n').join(''));
        }
        git('add', '-A');
      };
      writeAll();
      git('commit', '-qm', 'base');
      const added: string[] = [];
      for (let c = 0; c < 6; c++) {
        const paths = [...files.keys()];
        for (let e = 0; e < 5; e++) {
          const p = paths[pick(paths.length)];
          const ls = files.get(p)!;
          const at = pick(ls.length + 1);
          const op = pick(5);
          if (op === 0) ls.splice(at, 0, ...Array.from({ length: 1 + pick(4) }, () => { const l = line(); added.push(l); return l; }));
          else if (op === 1) ls.splice(at, 1 + pick(3));
          else if (op === 2) ls.splice(at, 1, line());
          else if (op === 3 && added.length) {
            // Remove a line an earlier commit added: it must cancel out.
            const i = ls.indexOf(added[pick(added.length)]);
            if (i >= 0) ls.splice(i, 1);
          } else if (ls.length > 2) ls.splice(at, 0, ls[pick(ls.length)] + ' copy');
        }
        if (c === 2) files.set(`src/new${seed}.c`, Array.from({ length: 5 + pick(10) }, line));
        if (c === 3 && files.size > 2) files.delete(paths[0]);
        if (c === 4) {
          const from = [...files.keys()][pick(files.size)];
          files.set(from.replace('src/', 'src/moved/'), files.get(from)!);
          files.delete(from);
        }
        writeAll();
        git('commit', '-qm', `change ${c}`);
      }
      const mbox = git('format-patch', '--stdout', '-M', 'HEAD~6');
      const ours = seriesDiffstat(mailBodies(mbox).map(parsePatch));
      const numstat = git('diff', '--numstat', '-M', 'HEAD~6', 'HEAD').trim().split('\n').filter(Boolean);
      const expected = numstat.map((r) => r.split('\t')).map(([a, d]) => [Number(a), Number(d)]);
      expect(ours.files).toBe(numstat.length);
      expect([ours.additions, ours.deletions]).toEqual([expected.reduce((n, r) => n + r[0], 0), expected.reduce((n, r) => n + r[1], 0)]);
      const gitStat = git('diff', '--stat=72', '-M', 'HEAD~6', 'HEAD');
      expect(ours.lines.join('\n')).toBe(gitStat.split('\n').filter((l) => l.includes('|')).join('\n'));
    });
  }
});

describe('series diffstat composition', () => {
  const mail = (body: string) => parsePatch(body);
  it('says which file did not compose when a hunk reaches past a file the series created', () => {
    const create = mail([
      'diff --git a/new.c b/new.c', 'new file mode 100644', 'index 0000000..1111111', '--- /dev/null', '+++ b/new.c',
      '@@ -0,0 +1,3 @@', '+a', '+b', '+c', '',
    ].join('\n'));
    // Written against a version of new.c with 12 lines: the patch that made them is missing.
    const later = mail([
      'diff --git a/new.c b/new.c', 'index 2222222..3333333 100644', '--- a/new.c', '+++ b/new.c',
      '@@ -10,3 +10,3 @@', ' j', '-k', '+K', ' l', '',
    ].join('\n'));
    const stat = seriesDiffstat([create, later]);
    expect(stat.inexact).toEqual(['new.c']);
    // What composed is kept, and the rest is counted as the patch counted it.
    expect([stat.files, stat.additions, stat.deletions]).toEqual([1, 4, 1]);
    // A hunk of the same patch that did fit is composed, and counted once.
    const twoHunks = mail([
      'diff --git a/new.c b/new.c', 'index 2222222..3333333 100644', '--- a/new.c', '+++ b/new.c',
      '@@ -1,2 +1,2 @@', '-a', '+A', ' b', '@@ -10,3 +10,3 @@', ' j', '-k', '+K', ' l', '',
    ].join('\n'));
    const partly = seriesDiffstat([create, twoHunks]);
    expect(partly.inexact).toEqual(['new.c']);
    expect([partly.additions, partly.deletions]).toEqual([4, 1]);
  });

  it('counts a copy against its source, and names it as git diff -C does', () => {
    const copy = mail(['diff --git a/lib/a.c b/lib/b.c', 'similarity index 90%', 'copy from lib/a.c', 'copy to lib/b.c',
      '--- a/lib/a.c', '+++ b/lib/b.c', '@@ -3,3 +3,3 @@', ' c', '-d', '+D', ' e', ''].join('\n'));
    const stat = seriesDiffstat([copy]);
    expect(stat.lines).toEqual([' lib/{a.c => b.c} | 2 +-']);
    expect([stat.files, stat.additions, stat.deletions, stat.inexact]).toEqual([1, 1, 1, []]);
  });

  it('drops a file the series creates and deletes, and cancels a line added and removed again', () => {
    const a = mail(['diff --git a/x.c b/x.c', 'new file mode 100644', '--- /dev/null', '+++ b/x.c', '@@ -0,0 +1,2 @@', '+1', '+2', '',
      'diff --git a/y.c b/y.c', '--- a/y.c', '+++ b/y.c', '@@ -5,2 +5,3 @@', ' e', '+added', ' f', ''].join('\n'));
    const b = mail(['diff --git a/x.c b/x.c', 'deleted file mode 100644', '--- a/x.c', '+++ /dev/null', '@@ -1,2 +0,0 @@', '-1', '-2', '',
      'diff --git a/y.c b/y.c', '--- a/y.c', '+++ b/y.c', '@@ -5,3 +5,2 @@', ' e', '-added', ' f', ''].join('\n'));
    const stat = seriesDiffstat([a, b]);
    expect([stat.files, stat.additions, stat.deletions]).toEqual([0, 0, 0]);
    expect(seriesDiffstat([a]).files).toBe(2);
  });
});

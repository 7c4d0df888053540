// Ownership × review on the demo with the real MAINTAINERS of 6.12, and on b4's cover-trailer sample.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { coverageMatrix } from '../src/review/coverage.js';
import { scopeTrailers } from '../src/review/scope.js';
import { matchPerson } from '../src/review/people.js';
import { corpus, ROOT } from './helpers/corpus.js';
import { maintainersAnalysers } from './digest-helpers.js';
import { loadMaintainers, matchFiles } from '../src/maintainers/index.js';
import { MAINTAINERS } from './digest-helpers.js';

async function matrixOf(sources: string[], withMaintainers = true) {
  const loaded = await loadSources(sources);
  const review = buildReview(loaded, withMaintainers ? maintainersAnalysers() : {});
  const s = review.series[review.series.length - 1];
  return { s, m: coverageMatrix(s, scopeTrailers(s, loaded.mails)) };
}

describe('coverage matrix on the demo v2', async () => {
  const { s, m } = await matrixOf([join(ROOT, 'patches')]);

  it('lists the MAINTAINERS sections the demo touches, as get_maintainer would find them', () => {
    const { db } = loadMaintainers(MAINTAINERS);
    const files = [...new Set(s.patches.flatMap((p) => p.files.map((f) => f.path)))];
    const expected = new Set(matchFiles(db, files).matches.flatMap((x) => x.sections.map((y) => db.sections[y.section].name)));
    expected.delete('THE REST');
    expect(new Set(m.sections.map((x) => x.name))).toEqual(expected);
    for (const name of ['MEMORY MANAGEMENT', 'COMPUTE EXPRESS LINK (CXL)', 'DATA ACCESS MONITOR', 'CONTROL GROUP - CPUSET', 'CONTROL GROUP (CGROUP)']) {
      expect(m.sections.map((x) => x.name)).toContain(name);
    }
    const cxl = m.sections.find((x) => x.name === 'COMPUTE EXPRESS LINK (CXL)')!;
    expect(cxl.cells.map((c) => c.patch)).toEqual([3]);
    expect(cxl.maintainers.map((p) => p.email)).toContain('dave@stgolabs.net');
  });

  it('no listed maintainer has reviewed yet; the reviewers the demo has are reported as not listed', () => {
    for (const sec of m.sections) expect(sec.coverage, sec.name).toBe('none');
    const mm = m.sections.find((x) => x.name === 'MEMORY MANAGEMENT')!;
    expect(mm.cells.map((c) => c.patch)).toEqual([1, 2, 4]);
    expect(mm.others.map((o) => [o.name, o.patches])).toEqual([
      ['Oskar Lindqvist', [1, 2]],
      ['Priya Raman', [4]],
    ]);
    const cpuset = m.sections.find((x) => x.name === 'CONTROL GROUP - CPUSET')!;
    expect(cpuset.others).toEqual([{ name: 'Jonas Feld', email: 'jonas.feld@example.org', patches: [5] }]);
  });

  it('per patch: who did what, with the scoped cover ack only on 5/5', () => {
    const acts = m.patches.map((p) => p.people.map((x) => `${x.name}: ${x.actions.map((a) => (a.kind === 'trailer' ? a.name : a.kind)).join('+')}`));
    expect(acts).toEqual([
      ['Oskar Lindqvist: Reviewed-by+comment'],
      ['Oskar Lindqvist: comment'],
      [],
      ['Priya Raman: Reviewed-by'],
      ['Jonas Feld: Acked-by'],
    ]);
  });
});

describe('a listed maintainer writing from another address', () => {
  it('is matched by name, reported as such, and covers the section', async () => {
    // The demo's DAMON review, sent as if by the DATA ACCESS MONITOR maintainer from a private address.
    const text = readFileSync(join(ROOT, 'patches', 'fenced-nodes-v2.mbox'), 'utf8')
      .replace('From: Priya Raman <priya.raman@example.net>', 'From: SeongJae Park <sj.private@example.net>')
      .replace('Reviewed-by: Priya Raman <priya.raman@example.net>', 'Reviewed-by: SeongJae Park <sj.private@example.net>');
    const dir = mkdtempSync(join(tmpdir(), 'ls-cov-'));
    writeFileSync(join(dir, 'v2.mbox'), text);
    const { m } = await matrixOf([join(dir, 'v2.mbox')]);
    const damon = m.sections.find((x) => x.name === 'DATA ACCESS MONITOR')!;
    expect(damon.coverage).toBe('covered');
    const sj = damon.cells[0].people.find((p) => p.email === 'sj@kernel.org')!;
    expect(sj).toMatchObject({ role: 'maintainer', matchedBy: 'name', actedAs: { email: 'sj.private@example.net' } });
    expect(m.nameMatches).toEqual([{ section: 'DATA ACCESS MONITOR', listed: { name: 'SeongJae Park', email: 'sj@kernel.org' }, actedAs: { name: 'SeongJae Park', email: 'sj.private@example.net' } }]);
    // MEMORY MANAGEMENT also covers 4/5, but its maintainer did nothing: partial is wrong, none is right.
    expect(m.sections.find((x) => x.name === 'MEMORY MANAGEMENT')!.coverage).toBe('none');
  });

  it('person matching: address case-insensitively, else a full name', () => {
    expect(matchPerson({ name: '', email: 'SJ@Kernel.org' }, { name: 'x', email: 'sj@kernel.org' })).toBe('email');
    expect(matchPerson({ name: 'Koutný, Michal', email: 'a@b.c' }, { name: 'Michal Koutny', email: 'd@e.f' })).toBe('name');
    expect(matchPerson({ name: 'Michal', email: 'a@b.c' }, { name: 'Michal', email: 'd@e.f' })).toBeNull();
  });
});

describe('b4 sample: trailers on the cover letter', () => {
  it('the cover-letter Reviewed-by counts on every patch', async () => {
    const { s, m } = await matrixOf([corpus('b4-samples', 'trailers-thread-with-cover-followup.mbox')], false);
    expect(s.patches).toHaveLength(4);
    expect(m.sections).toEqual([]);
    for (const p of m.patches) {
      const cu = p.people.find((x) => x.email === 'cover.upper@example.org');
      expect(cu?.actions, `patch ${p.patch}`).toEqual([expect.objectContaining({ kind: 'trailer', name: 'Reviewed-by', viaCover: true })]);
    }
    // The follow-up Tested-by stays on 4/4.
    expect(m.patches.map((p) => p.people.some((x) => x.email === 'follow.upper@example.org'))).toEqual([false, false, false, true]);
  });
});

describe('real DAMON patches with trailers carried in the patch (kernel/series/damon-5.15.mbox)', async () => {
  const loaded = await loadSources([corpus('kernel', 'series', 'damon-5.15.mbox')]);
  const review = buildReview(loaded, maintainersAnalysers());
  /** The DATA ACCESS MONITOR cell of the patch with this title (patchwork-style grouping puts several in one series). */
  const damonCell = (title: string) => {
    const s = review.series.find((x) => x.patches.some((p) => p.title.startsWith(title)))!;
    expect(s, title).toBeTruthy();
    const index = s.patches.find((p) => p.title.startsWith(title))!.index;
    const m = coverageMatrix(s, scopeTrailers(s, loaded.mails));
    return m.sections.find((x) => x.name === 'DATA ACCESS MONITOR')!.cells.find((c) => c.patch === index)!;
  };

  it('a Reviewed-by from the maintainer\'s old address counts, matched by name, as carried in the patch', () => {
    const cell = damonCell('mm/damon: grammar s/works/work/');
    expect(cell.status).toBe('reviewed');
    const sj = cell.people.find((p) => p.email === 'sj@kernel.org')!;
    expect(sj).toMatchObject({ matchedBy: 'name', actedAs: { email: 'sjpark@amazon.de' } });
    expect(sj.actions).toEqual([expect.objectContaining({ kind: 'trailer', name: 'Reviewed-by', inPatch: true, viaCover: false })]);
  });

  it('matched by address when it is the listed one', () => {
    const cell = damonCell("mm/damon: needn't hold kdamond_lock");
    expect(cell.status).toBe('reviewed');
    expect(cell.people.find((p) => p.email === 'sj@kernel.org')!.matchedBy).toBe('email');
  });

  it('a Cc: trailer in the patch is not a review', () => {
    const cell = damonCell('mm/damon: remove unnecessary do_exit() from kdamond');
    expect(cell.status).toBe('none');
  });
});

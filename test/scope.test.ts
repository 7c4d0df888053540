// Scoped trailers: an annotation or a sentence in the same reply narrows a cover-letter ack.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { scopeSentences, scopeTrailers, trailersFor } from '../src/review/scope.js';
import { parseScope } from '../src/review/scope-terms.js';
import { ROOT } from './helpers/corpus.js';
import { maintainersAnalysers } from './digest-helpers.js';

const V2 = join(ROOT, 'patches', 'fenced-nodes-v2.mbox');
const ACK = 'Acked-by: Jonas Feld <jonas.feld@example.org> # for the cgroup parts';

/** The demo's v2 with Jonas Feld's ack line replaced, to try other ways of scoping it. */
async function v2With(ackLines: string) {
  const text = readFileSync(V2, 'utf8');
  expect(text).toContain(ACK);
  const dir = mkdtempSync(join(tmpdir(), 'ls-scope-'));
  const file = join(dir, 'v2.mbox');
  writeFileSync(file, text.replace(ACK, ackLines));
  const loaded = await loadSources([file]);
  const review = buildReview(loaded, maintainersAnalysers());
  const series = review.series[0];
  const acks = scopeTrailers(series, loaded.mails).filter((t) => t.name === 'Acked-by');
  expect(acks).toHaveLength(1);
  return { series, ack: acks[0] };
}

describe('scoped acks on the demo', async () => {
  const loaded = await loadSources([join(ROOT, 'patches')]);
  const review = buildReview(loaded, maintainersAnalysers());
  const v2 = review.series.find((s) => s.version === 2)!;
  const trailers = scopeTrailers(v2, loaded.mails);

  it('the cgroup-scoped cover-letter ack lands only on the cgroup patch (v2 5/5)', () => {
    const ack = trailers.find((t) => t.name === 'Acked-by')!;
    expect(ack.givenOn).toBeNull();
    expect(ack.scope).toMatchObject({ text: '# for the cgroup parts', origin: 'annotation', patches: [5], narrowed: true });
    expect(v2.patches[4].title).toMatch(/^cgroup\/cpuset:/);
    for (const p of v2.patches) {
      const acked = trailersFor(p.index, trailers).some((t) => t.name === 'Acked-by');
      expect(acked, `patch ${p.index}`).toBe(p.index === 5);
    }
    // The series builder still copies cover trailers to every patch (b4's behaviour): we narrow it.
    expect(v2.patches.every((p) => p.trailers.some((t) => t.name === 'Acked-by'))).toBe(true);
  });

  it('patch trailers stay on their patch', () => {
    const rb = trailers.filter((t) => t.name === 'Reviewed-by');
    expect(rb.map((t) => [t.person?.name, t.scope.patches])).toEqual([
      ['Oskar Lindqvist', [1]],
      ['Priya Raman', [4]],
    ]);
  });
});

describe('other ways to scope the same ack', () => {
  it('by patch numbers in brackets on the next line', async () => {
    const { ack } = await v2With('Acked-by: Jonas Feld <jonas.feld@example.org>\n[for patches 4-5]');
    expect(ack.scope).toMatchObject({ origin: 'annotation', patches: [4, 5], narrowed: true });
    expect(ack.scope.matches.every((m) => m.by === 'patch-numbers')).toBe(true);
  });

  it('by a path in parentheses', async () => {
    const { ack } = await v2With('Acked-by: Jonas Feld <jonas.feld@example.org> (mm/damon)');
    expect(ack.scope).toMatchObject({ patches: [4], narrowed: true });
    expect(ack.scope.matches[0].by).toBe('path');
  });

  it('by MAINTAINERS section name words', async () => {
    const { ack } = await v2With('Acked-by: Jonas Feld <jonas.feld@example.org> # for the BITMAP bits');
    expect(ack.scope.patches).toEqual([1]);
    expect(ack.scope.matches[0]).toMatchObject({ by: 'section', term: 'bitmap' });
  });

  it('by a subsystem tag', async () => {
    const { ack } = await v2With('Acked-by: Jonas Feld <jonas.feld@example.org> # for the cgroups parts');
    expect(ack.scope.patches).toEqual([5]);
    expect(ack.scope.matches).toEqual([{ patch: 5, by: 'tag', term: 'cgroups' }]);
  });

  it('by a sentence in the same reply', async () => {
    const { ack } = await v2With('For the cxl changes:\n\nAcked-by: Jonas Feld <jonas.feld@example.org>');
    expect(ack.scope).toMatchObject({ origin: 'sentence', patches: [3], narrowed: true });
    expect(ack.scope.text).toBe('For the cxl changes:');
  });

  it('an unresolvable scope applies to every patch and says it could not narrow it', async () => {
    const { ack, series } = await v2With('Acked-by: Jonas Feld <jonas.feld@example.org> # for the io_uring parts');
    expect(ack.scope.patches).toEqual(series.patches.map((p) => p.index));
    expect(ack.scope.narrowed).toBe(false);
    expect(ack.scope.unresolved).toMatch(/io_uring/);
  });

  it('a sentence that names nothing in the series is not taken as a scope', async () => {
    const { ack } = await v2With('Thanks for the quick fixes.\n\nAcked-by: Jonas Feld <jonas.feld@example.org>');
    expect(ack.scope).toMatchObject({ origin: null, narrowed: false, patches: [1, 2, 3, 4, 5] });
    expect(ack.scope.unresolved).toBeUndefined();
  });
});

describe('scope text', () => {
  it('reads numbers, ranges and words', () => {
    expect(parseScope('# for patches 3-5 and 7')).toEqual({ numbers: [3, 4, 5, 7], terms: [] });
    expect(parseScope('[for patch 2 to 4]')).toEqual({ numbers: [2, 3, 4], terms: [] });
    expect(parseScope('(for 1/5 and #3)')).toEqual({ numbers: [1, 3], terms: [] });
    expect(parseScope('# for the mm and cgroup parts')).toEqual({ numbers: [], terms: ['mm', 'cgroup'] });
    expect(parseScope('(Documentation)')).toEqual({ numbers: [], terms: ['documentation'] });
  });

  it('finds scope phrases in running text only where a scope noun or patch numbers follow', () => {
    expect(scopeSentences('Looks good for patches 3, 5 and 7.\n\nAcked-by: X <x@y.z>\n')).toEqual(['for patches 3, 5 and 7.']);
    expect(scopeSentences('> for the mm parts\nfor the mm bits, fine.\n')).toEqual(['for the mm bits,']);
    expect(scopeSentences('Thanks for looking.\n')).toEqual([]);
  });

  it('stays fast on hostile input', () => {
    const body = ('for ' + 'x '.repeat(5000) + '\n').repeat(10);
    const t0 = Date.now();
    scopeSentences(body);
    parseScope('# ' + 'patches 1-2 and '.repeat(5000));
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

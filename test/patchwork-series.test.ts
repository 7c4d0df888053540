// patchwork's own series-grouping expectations, on patchwork's test mail.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadSources } from '../src/pipeline/load.js';
import { corpus } from './helpers/corpus.js';

interface Case { input: string; cover_letters: number; patches: number; comments: number; patches_per_series: number[] | null; covers_per_series: number[] | null }
const cases: Case[] = JSON.parse(readFileSync(corpus('patchwork/series/cases.json'), 'utf8')).cases;

describe('patchwork series cases', () => {
  it('has cases to run', () => expect(cases.length).toBeGreaterThan(20));
  for (const c of cases) {
    it(c.input, async () => {
      const { model, classified } = await loadSources([corpus('patchwork/series', c.input)]);
      expect(classified.filter((x) => x.role === 'cover').length).toBe(c.cover_letters);
      expect(classified.filter((x) => x.role === 'patch').length).toBe(c.patches);
      expect(model.comments).toBe(c.comments);
      if (c.patches_per_series) expect(model.series.map((s) => s.patches.length + s.extra.length)).toEqual(c.patches_per_series);
      if (c.covers_per_series) expect(model.series.map((s) => (s.cover ? 1 : 0))).toEqual(c.covers_per_series);
      expect(model.errors.filter((e) => e.severity === 'error')).toEqual([]);
    });
  }
});

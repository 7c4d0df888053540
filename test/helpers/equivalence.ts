// The index must not change any output: each case runs the built CLI with --no-index, then with a
// cold index (first use) and warm (second use), and the bytes must be the same. Shared by the
// small-input cases and the whole-archive ones (two files, so that vitest runs them side by side).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './corpus.js';

/** A case: its name, its arguments, and what it may need beyond the default (exit 0, cold and warm). */
export type Case = [string, () => string[], { code?: number; indexFirst?: () => string[] }?];

/** /usr/bin/time reports a command's peak RSS (getrusage's ru_maxrss, in KB). */
export const TIME = '/usr/bin/time';
export const canMeasure = existsSync(TIME);

/** The CLI under /usr/bin/time when there is one, its peak RSS recorded under `name` in `peakKb`. */
export function measured(peakKb: Map<string, number>, name: string, args: string[], env: NodeJS.ProcessEnv) {
  if (!canMeasure) return cli(args, { env });
  const file = join(mkdtempSync(join(tmpdir(), 'ls-rss-')), 'rss');
  const r = cli(args, { env, wrap: [TIME, '-o', file, '-f', '%M'] });
  peakKb.set(name, Number(readFileSync(file, 'utf8').trim().split('\n').pop()));
  return r;
}

/**
 * Every case: the same stdout, stderr and exit code without the index, cold and warm. A case with
 * `indexFirst` is indexed by `lorescope index` first and compared warm only (to keep the time
 * down); its peak RSS is kept in `peakKb`.
 */
export function describeEquivalence(cases: Case[], peakKb = new Map<string, number>()): void {
  describe('the same output without the index, with it cold, and with it warm', () => {
    for (const [name, args, { code = 0, indexFirst } = {}] of cases) {
      it(name, () => {
        const a = args();
        // A since-digest says until when it looked: now, which moves between the runs.
        const now = (r: { stdout: string }) => ({ ...r, stdout: r.stdout.replace(/"until": "[^"]*"/, '"until": "NOW"').replace(/((?:Series|discussed) \d{4}-\d{2}-\d{2}) – \d{4}-\d{2}-\d{2}/g, '$1 – NOW') });
        const direct = now(cli([...a, '--no-index']));
        expect(direct.code, direct.stderr).toBe(code);
        const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-eq-')) };
        if (indexFirst) expect(cli(['index', ...indexFirst()], { env }).code).toBe(0);
        const runs = indexFirst ? [now(measured(peakKb, name, a, env))] : [now(cli(a, { env })), now(cli(a, { env }))];
        for (const r of runs) {
          expect(r.code, r.stderr).toBe(code);
          expect(r.stdout).toBe(direct.stdout);
          expect(r.stderr).toBe(direct.stderr);
        }
        expect(direct.stdout.length).toBeGreaterThan(100);
      });
    }
  });
}

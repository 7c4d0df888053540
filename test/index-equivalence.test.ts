// The index must not change any output: each command on real mail gives the same bytes with
// --no-index, with a cold index (first use) and with the index warm (second use).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli, corpus } from './helpers/corpus.js';
import { archiveMbox } from './helpers/archive.js';

const MAINTAINERS = corpus('kernel/MAINTAINERS-6.12');
const RFC = corpus('real/rfc-v4/private-memory-nodes-v4.mbox');

/** Threads 020-039 as one gzip mbox: read from a plain copy when streamed (src/index/plain.ts). */
function gzThreads(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-eq-gzs-'));
  const file = join(dir, 'threads.mbox.gz');
  const names = Array.from({ length: 20 }, (_, i) => corpus(`real/threads/0${20 + i}.mbox`));
  writeFileSync(file, gzipSync(Buffer.concat(names.map((n) => readFileSync(n)))));
  return file;
}

function gzThread(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-eq-gz-'));
  const file = join(dir, 't.mbox.gz');
  writeFileSync(file, gzipSync(readFileSync(corpus('real/threads/048.mbox'))));
  return file;
}

const THREADS = corpus('real/threads');
const TWO = [corpus('real/threads/022.mbox'), corpus('real/threads/030.mbox')];
const ARCHIVE_CHECK = 'check --format json, the whole archive';
const ARCHIVE_DIGEST = 'digest markdown, the whole archive';

/** A case: its name, its arguments, and what it may need beyond the default (exit 0, cold and warm). */
type Case = [string, () => string[], { code?: number; indexFirst?: () => string[] }?];

const CASES: Case[] = [
  ['series --json, the demo', () => ['series', '--json']],
  ['series --json, RFC v4', () => ['series', '--json', RFC]],
  ['series --json, a directory of patchwork mboxes', () => ['series', '--json', corpus('patchwork/series')]],
  ['series --json, 166 Debian kernel patches', () => ['series', '--json', corpus('kernel/debian-patches')]],
  ['series --json, a gzip thread', () => ['series', '--json', gzThread()]],
  ['series --json with MAINTAINERS, two threads', () => ['series', '--json', '--maintainers', MAINTAINERS, corpus('real/threads/022.mbox'), corpus('real/threads/030.mbox')]],
  ['check --format json, RFC v4', () => ['check', '--format', 'json', '--fail-on', 'none', '--maintainers', MAINTAINERS, RFC]],
  ['check text, the demo', () => ['check', '--fail-on', 'none']],
  ['digest --format json, RFC v4', () => ['digest', '--format', 'json', '--maintainers', MAINTAINERS, RFC]],
  ['digest markdown, the demo', () => ['digest']],
  ['am MSGID, a partial reroll', () => ['am', corpus('real/threads/007.mbox'), '20200914024452.19167-1-longman@redhat.com']],
  ['am, newest series of the demo', () => ['am']],
  ['am MSGID out of the archive', () => ['am', archiveMbox(), '20220428120837.3737765-1-yukuai3@huawei.com']],
  ['digest --since out of the archive', () => ['digest', '--format', 'json', '--since', '2023-11-15', archiveMbox()]],
  // check and digest go unit by unit over indexed sources (src/cli/check-stream.ts, digest-stream.ts).
  ['check text, a directory of 120 real threads (exit 1: high findings)', () => ['check', THREADS], { code: 1 }],
  ['check --all --fail-on info, two threads', () => ['check', '--all', '--fail-on', 'info', ...TWO], { code: 1 }],
  ['check --format json with MAINTAINERS, two threads', () => ['check', '--format', 'json', '--fail-on', 'none', '--maintainers', MAINTAINERS, ...TWO]],
  ['check --format sarif, two threads', () => ['check', '--format', 'sarif', '--fail-on', 'none', ...TWO]],
  ['check --format json, 20 threads in one gzip file', () => ['check', '--format', 'json', '--fail-on', 'none', gzThreads()]],
  ['check --format github, patchwork mboxes', () => ['check', '--format', 'github', '--fail-on', 'none', corpus('patchwork/series')]],
  ['digest markdown, a directory of 120 real threads', () => ['digest', THREADS]],
  ['digest --format json with MAINTAINERS, two threads', () => ['digest', '--format', 'json', '--maintainers', MAINTAINERS, ...TWO]],
  ['digest --format html --since, two threads', () => ['digest', '--format', 'html', '--since', '2021-01-01', ...TWO]],
  // The whole archive (19,339 messages): indexed first (`lorescope index`), then compared warm only,
  // to keep the time down; the warm run's peak RSS is kept for the test below.
  [ARCHIVE_CHECK, () => ['check', '--format', 'json', archiveMbox()], { code: 1, indexFirst: () => [archiveMbox()] }],
  [ARCHIVE_DIGEST, () => ['digest', archiveMbox()], { indexFirst: () => [archiveMbox()] }],
];

/** /usr/bin/time reports a command's peak RSS (getrusage's ru_maxrss, in KB). */
const TIME = '/usr/bin/time';
const canMeasure = existsSync(TIME);
const peakKb = new Map<string, number>();

/** The CLI under /usr/bin/time when there is one, the peak RSS recorded under `name`. */
function measured(name: string, args: string[], env: NodeJS.ProcessEnv) {
  if (!canMeasure) return cli(args, { env });
  const file = join(mkdtempSync(join(tmpdir(), 'ls-rss-')), 'rss');
  const r = cli(args, { env, wrap: [TIME, '-o', file, '-f', '%M'] });
  peakKb.set(name, Number(readFileSync(file, 'utf8').trim().split('\n').pop()));
  return r;
}

describe('the same output without the index, with it cold, and with it warm', () => {
  for (const [name, args, { code = 0, indexFirst } = {}] of CASES) {
    it(name, () => {
      const a = args();
      // A since-digest says until when it looked: now, which moves between the runs.
      const now = (r: { stdout: string }) => ({ ...r, stdout: r.stdout.replace(/"until": "[^"]*"/, '"until": "NOW"').replace(/((?:Series|discussed) \d{4}-\d{2}-\d{2}) – \d{4}-\d{2}-\d{2}/g, '$1 – NOW') });
      const direct = now(cli([...a, '--no-index']));
      expect(direct.code, direct.stderr).toBe(code);
      const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-eq-')) };
      if (indexFirst) expect(cli(['index', ...indexFirst()], { env }).code).toBe(0);
      const runs = indexFirst ? [now(measured(name, a, env))] : [now(cli(a, { env })), now(cli(a, { env }))];
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(code);
        expect(r.stdout).toBe(direct.stdout);
        expect(r.stderr).toBe(direct.stderr);
      }
      expect(direct.stdout.length).toBeGreaterThan(100);
    });
  }
});

// Over an indexed archive check and digest keep memory bounded by the largest unit (the whole-input
// path peaked at 630-670 MB on it). Measured on the warm runs above, or here when those were left out.
if (!canMeasure) console.warn(`index-equivalence: ${TIME} not found: the peak RSS test is skipped`);
describe.skipIf(!canMeasure)(`peak RSS under 300 MB over the whole indexed archive (needs ${TIME})`, () => {
  for (const [name, args] of [[ARCHIVE_CHECK, ['check', '--format', 'json']], [ARCHIVE_DIGEST, ['digest']]] as const) {
    it(args[0], () => {
      if (!peakKb.has(name)) {
        const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-rss-')) };
        expect(cli(['index', archiveMbox()], { env }).code).toBe(0);
        measured(name, [...args, archiveMbox()], env);
      }
      expect(peakKb.get(name)! / 1024).toBeLessThan(300);
    });
  }
});

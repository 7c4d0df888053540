// The index must not change any output: each command on real mail gives the same bytes with
// --no-index, with a cold index (first use) and with the index warm (second use). The whole-archive
// cases are in index-equivalence-archive.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { corpus } from './helpers/corpus.js';
import { describeEquivalence, type Case } from './helpers/equivalence.js';

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
];

describeEquivalence(CASES);

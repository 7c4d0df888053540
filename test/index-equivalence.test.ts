// The index must not change any output: each command on real mail gives the same bytes with
// --no-index, with a cold index (first use) and with the index warm (second use).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli, corpus } from './helpers/corpus.js';
import { archiveMbox } from './helpers/archive.js';

const MAINTAINERS = corpus('kernel/MAINTAINERS-6.12');
const RFC = corpus('real/rfc-v4/private-memory-nodes-v4.mbox');

function gzThread(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-eq-gz-'));
  const file = join(dir, 't.mbox.gz');
  writeFileSync(file, gzipSync(readFileSync(corpus('real/threads/048.mbox'))));
  return file;
}

const CASES: [string, () => string[]][] = [
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
];

describe('the same output without the index, with it cold, and with it warm', () => {
  for (const [name, args] of CASES) {
    it(name, () => {
      const a = args();
      // A since-digest says until when it looked: now, which moves between the runs.
      const now = (r: { stdout: string }) => ({ ...r, stdout: r.stdout.replace(/"until": "[^"]*"/, '"until": "NOW"') });
      const direct = now(cli([...a, '--no-index']));
      expect(direct.code, direct.stderr).toBe(0);
      const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-eq-')) };
      const cold = now(cli(a, { env }));
      const warm = now(cli(a, { env }));
      for (const r of [cold, warm]) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe(direct.stdout);
        expect(r.stderr).toBe(direct.stderr);
      }
      expect(direct.stdout.length).toBeGreaterThan(100);
    });
  }
});

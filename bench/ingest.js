// Issue 2 benchmark: ingest + thread + series over 100,000 generated messages, against git mailsplit.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMbox } from './gen-mbox.js';

const here = dirname(fileURLToPath(import.meta.url));
const COUNT = Number(process.env.BENCH_MESSAGES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'lorescope-bench-'));
const file = join(dir, 'big.mbox');
await generateMbox(file, COUNT);
const size = statSync(file).size;
console.log(`ingest: ${COUNT} messages, ${(size / 1e6).toFixed(1)} MB`);

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

const ours = [];
let rss = 0;
for (let i = 0; i < 3; i++) {
  const r = spawnSync(process.execPath, [join(here, 'ingest-child.js'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  const j = JSON.parse(r.stdout);
  ours.push(j.ms);
  rss = Math.max(rss, j.maxRssKiB);
}
const theirs = [];
for (let i = 0; i < 3; i++) {
  // git mailsplit writes one file per message: give it memory-backed storage where there is some.
  const out = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : dir, 'lorescope-split-'));
  const t0 = process.hrtime.bigint();
  execFileSync('git', ['mailsplit', '-o' + out, file], { stdio: 'ignore' });
  theirs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  rmSync(out, { recursive: true, force: true });
}
// The on-disk index (bench/index.js has it on real mail): a first index of the same file, cold.
const indexed = [];
let indexRss = null;
for (let i = 0; i < 3; i++) {
  const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(dir, 'xdg-')) };
  const argv = [process.execPath, join(here, '..', 'bin', 'lorescope.js'), 'index', file];
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M', ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(timed[0], timed.slice(1), { env, encoding: 'utf8' });
  indexed.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (r.status !== 0) throw new Error(r.stderr);
  const kb = /(\d+)\s*$/.exec(r.stderr);
  if (timed !== argv && kb) indexRss = Math.max(indexRss ?? 0, Number(kb[1]));
}
const m = median(ours);
const g = median(theirs);
console.log(`  lorescope ingest+thread+series: ${m.toFixed(0)} ms median of 3 → ${Math.round(COUNT / (m / 1000)).toLocaleString('en')} msg/s (target >= 50,000)`);
console.log(`  peak RSS: ${(rss / 1024).toFixed(0)} MiB (target < 1024)`);
console.log(`  git mailsplit (split only, to files): ${g.toFixed(0)} ms median of 3 → ${Math.round(COUNT / (g / 1000)).toLocaleString('en')} msg/s`);
console.log(`  ratio lorescope/git-mailsplit throughput: ${(g / m).toFixed(2)}x`);
const ix = median(indexed);
console.log(`  lorescope index (first, cold): ${ix.toFixed(0)} ms median of 3 → ${Math.round(COUNT / (ix / 1000)).toLocaleString('en')} msg/s, ${(g / ix).toFixed(2)}x git mailsplit's speed${indexRss ? `, peak RSS ${(indexRss / 1024).toFixed(0)} MiB` : ''}`);
rmSync(dir, { recursive: true, force: true });

// Benchmark: get_maintainer.pl's e-mail mode on every corpus patch, ours versus the real script.
// Run after `npx tsc -p .`:  node bench/maintainers.js [--peer-limit N]
//
// Ours: MAINTAINERS-6.12 loaded once, then for each patch the files and keywords are read from the
// patch text and the recipients formatted as get_maintainer.pl prints them. The peer: the real
// scripts/get_maintainer.pl from the linux-source-6.12 tarball, one process per patch (which is
// how it is used), in a temp dir holding MAINTAINERS and .mailmap (--no-tree: no directory or .yaml
// lookups on either side, so the outputs are comparable).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatGetMaintainer, loadMaintainers, matchPatch } from '../dist/maintainers/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const kernel = path.resolve(here, '../../shared/corpus/kernel');
const patchDir = path.join(kernel, 'debian-patches');
const tarball = process.env.LORESCOPE_LINUX_TARBALL ?? '/usr/src/linux-source-6.12.tar.xz';
const limitArg = process.argv.indexOf('--peer-limit');
const peerLimit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.patch') ? [path.join(dir, e.name)] : [],
  );
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { mean: sum / s.length, median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)], total: sum };
};
const ms = (x) => `${x.toFixed(3)} ms`;

/** MAINTAINERS, .mailmap and the script, from the tests' cache or extracted now (~10 s). */
function peerDir() {
  if (!existsSync(tarball)) return null;
  const st = statSync(tarball);
  const cached = path.join(tmpdir(), `lorescope-linux-${st.size}-${Math.floor(st.mtimeMs)}`, 'tree');
  const dir = mkdtempSync(path.join(tmpdir(), 'lorescope-bench-'));
  if (existsSync(path.join(cached, 'scripts/get_maintainer.pl'))) {
    mkdirSync(path.join(dir, 'scripts'));
    for (const f of ['MAINTAINERS', '.mailmap', 'scripts/get_maintainer.pl']) {
      execFileSync('cp', [path.join(cached, f), path.join(dir, f)]);
    }
  } else {
    console.log('extracting get_maintainer.pl, MAINTAINERS and .mailmap from the tarball...');
    execFileSync('tar', ['-xJf', tarball, '-C', dir, '--strip-components=1', '--wildcards',
      '*/MAINTAINERS', '*/.mailmap', '*/scripts/get_maintainer.pl']);
  }
  return dir;
}

const patches = walk(patchDir).sort();
const texts = patches.map((p) => readFileSync(p, 'utf8'));
const peer = peerDir();
if (peer) process.on('exit', () => rmSync(peer, { recursive: true, force: true }));
const maintainersPath = peer ? path.join(peer, 'MAINTAINERS') : path.join(kernel, 'MAINTAINERS-6.12');
const mailmap = peer ? readFileSync(path.join(peer, '.mailmap'), 'utf8') : undefined;

let t0 = performance.now();
const { db, errors } = loadMaintainers(maintainersPath, { directories: 'none', mailmap });
const loadMs = performance.now() - t0;
const warmLoads = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  loadMaintainers(maintainersPath, { directories: 'none', mailmap });
  warmLoads.push(performance.now() - t0);
}

// Warm-up pass (JIT), then the measured pass.
for (const t of texts) formatGetMaintainer(matchPatch(db, t));
const ours = [];
const outputs = [];
let files = 0;
for (const t of texts) {
  t0 = performance.now();
  const r = matchPatch(db, t);
  outputs.push(formatGetMaintainer(r));
  ours.push(performance.now() - t0);
  files += r.files.length;
}
const o = stats(ours);
console.log(`patches: ${patches.length}, files mapped: ${files}`);
console.log(`MAINTAINERS load${mailmap ? " (with .mailmap)" : ""}: first ${ms(loadMs)}, then best ${ms(Math.min(...warmLoads))} (${errors.length} errors)`);
console.log(`ours per patch: mean ${ms(o.mean)}, median ${ms(o.median)}, p95 ${ms(o.p95)}, total ${ms(o.total)}`);

if (!peer) {
  console.log(`peer skipped: ${tarball} not found (Debian package linux-source-6.12)`);
} else if (peerLimit < 1) {
  console.log('peer skipped: --peer-limit 0');
} else {
  const theirs = [];
  let same = 0;
  const differ = [];
  const n = Math.min(peerLimit, patches.length);
  for (let i = 0; i < n; i++) {
    t0 = performance.now();
    const res = spawnSync('perl', ['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', '--no-tree', '--mpath', 'MAINTAINERS', patches[i]], {
      cwd: peer,
      encoding: 'utf8',
    });
    theirs.push(performance.now() - t0);
    if (res.stdout === outputs[i]) same++;
    else differ.push(path.relative(patchDir, patches[i]));
  }
  const p = stats(theirs);
  console.log(`get_maintainer.pl per patch: mean ${ms(p.mean)}, median ${ms(p.median)}, p95 ${ms(p.p95)} (${n} patches)`);
  console.log(`outputs: ${same}/${n} identical`);
  if (differ.length > 0) {
    // Sections of equal depth come out in Perl hash order, random per run (the tests accept any).
    console.log(`  differing (check for equal-depth sections): ${differ.join(', ')}`);
  }
  console.log(`speed-up per patch (MAINTAINERS loaded once): ${(p.mean / o.mean).toFixed(0)}x (median ${(p.median / o.median).toFixed(0)}x)`);
  console.log(`speed-up for one-shot use (our load + one patch vs one script run): ${(p.mean / (loadMs + o.mean)).toFixed(1)}x`);
}

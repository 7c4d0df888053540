// The on-disk index on real mail: the cgroups@vger archive (19,339 messages, 152 MB; decompressed
// from ../shared/corpus) and a public-inbox v2 mirror built from it with git fast-import. Every
// figure is measured in this run, against git mailsplit and b4 on the same file, with peak RSS.
//   node bench/index.js [--runs N] [--no-b4]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMirror } from '../scripts/pi-mirror.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'lorescope.js');
const XZ = resolve(ROOT, '..', 'shared', 'corpus', 'real', 'cgroups-2019-2023.mbox.xz');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const WITH_B4 = !args.includes('--no-b4') && spawnSync('sh', ['-c', 'command -v b4'], { stdio: 'ignore' }).status === 0;
const GNU_TIME = existsSync('/usr/bin/time');
// The RFC v4's thread is not in this archive; this is a big real thread that is (22 messages).
const MSGID = '20220428120837.3737765-1-yukuai3@huawei.com';

const tmp = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ls-bench-index-'));
const MBOX = join(tmp, 'cgroups.mbox');
execFileSync('sh', ['-c', 'xz -dc "$1" > "$2"', 'sh', XZ, MBOX]);

/** One run of a command: wall seconds and peak RSS (KiB), with GNU time when the machine has it. */
function run(cmd, argv, env = {}) {
  const full = GNU_TIME ? ['/usr/bin/time', ['-f', '%e %M', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-400)}`);
  const m = GNU_TIME ? /(\d+\.\d+) (\d+)\s*$/.exec(r.stderr) : null;
  return { s: m ? Number(m[1]) : wall, rss: m ? Number(m[2]) : null };
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

/** `runs` runs, `prepare` before each (not timed); median time, the largest peak RSS. */
function measure(label, runs, prepare, go) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const ctx = prepare ? prepare(i) : undefined;
    rs.push(go(ctx));
  }
  const s = median(rs.map((r) => r.s));
  const rss = rs.every((r) => r.rss !== null) ? Math.max(...rs.map((r) => r.rss)) : null;
  console.log(`  ${label.padEnd(58)} ${s.toFixed(2).padStart(7)} s${rss !== null ? `  peak ${(rss / 1024).toFixed(0).padStart(4)} MiB` : ''}`);
  return { s, rss };
}

/**
 * Commands run in turn, one of each per round, `runs` rounds: this machine's speed drifts by tens of
 * percent over minutes, and a ratio of two medians taken minutes apart measures the drift as much as
 * the tools. Each entry is [label, go]; `ratio(i, j)` is the median over the rounds of j's time over i's.
 */
function rounds(runs, entries) {
  const times = entries.map(() => []);
  for (let i = 0; i < runs; i++) entries.forEach(([, go], k) => times[k].push(go()));
  const shown = entries.map(([label], k) => {
    const rs = times[k];
    const s = median(rs.map((r) => r.s));
    const rss = rs.every((r) => r.rss !== null) ? Math.max(...rs.map((r) => r.rss)) : null;
    console.log(`  ${label.padEnd(58)} ${s.toFixed(2).padStart(7)} s${rss !== null ? `  peak ${(rss / 1024).toFixed(0).padStart(4)} MiB` : ''}`);
    return { s, rss };
  });
  const perRound = (i, j) => times[i].map((r, n) => times[j][n].s / r.s);
  return { shown, perRound, ratio: (i, j) => median(perRound(i, j)) };
}

const lorescope = (argv, env) => run(process.execPath, [BIN, ...argv], env);
const fresh = () => ({ XDG_CACHE_HOME: mkdtempSync(join(tmp, 'xdg-')) });
const rssOk = (r) => (r.rss === null ? 'n/a' : r.rss / 1024 < 300 ? 'yes' : 'NO');

console.log(`archive: ${(statSync(MBOX).size / 1e6).toFixed(0)} MB, ${RUNS} runs each (median), machine load ${(await import('node:os')).loadavg()[0].toFixed(1)}`);

// 1. First index against git mailsplit on the same file.
// Run in pairs (see `rounds`); each run into a fresh directory, the index into a fresh cache.
const firstRounds = rounds(RUNS, [
  ['git mailsplit --mboxrd (into a fresh directory)', () => run('git', ['mailsplit', '--mboxrd', `-o${mkdtempSync(join(tmp, 'split-'))}`, MBOX])],
  ['lorescope index (cold: nothing indexed yet)', () => lorescope(['index', MBOX], fresh())],
]);
const first = firstRounds.shown[1];
const warmEnv = fresh();
lorescope(['index', MBOX], warmEnv);
const again = measure('lorescope index (warm: nothing changed)', RUNS, null, () => lorescope(['index', MBOX], warmEnv));

// 2. am MSGID out of the archive: indexed, nothing indexed yet, and b4, in rounds (b4 too is timed
// against what the machine did in the same minute).
const amEntries = [
  ['lorescope am ARCHIVE MSGID (indexed)', () => lorescope(['am', MBOX, MSGID, '-o', '/dev/null'], warmEnv)],
  ['lorescope am ARCHIVE MSGID (nothing indexed: indexes first)', () => lorescope(['am', MBOX, MSGID, '-o', '/dev/null'], fresh())],
];
if (WITH_B4) {
  const home = mkdtempSync(join(tmp, 'home-'));
  execFileSync('git', ['config', '--file', join(home, '.gitconfig'), 'user.name', 'Bench']);
  execFileSync('git', ['config', '--file', join(home, '.gitconfig'), 'user.email', 'bench@example.com']);
  amEntries.push([`b4 am -m ARCHIVE MSGID -o - (b4 ${execFileSync('b4', ['--version'], { encoding: 'utf8' }).trim()})`,
    () => run('b4', ['-q', 'am', '-m', MBOX, MSGID, '-o', '-', '--no-cover'], { HOME: home })]);
}
// b4 takes ~8 s a run: three rounds unless fewer runs were asked for.
const amRounds = rounds(WITH_B4 ? Math.min(RUNS, 3) : RUNS, amEntries);
const [amWarm, amCold] = amRounds.shown;
const b4 = WITH_B4 ? amRounds.shown[2] : null;
const amDirect = measure(`lorescope am ARCHIVE MSGID --no-index`, RUNS, null, () => lorescope(['am', MBOX, MSGID, '-o', '/dev/null', '--no-index']));

// 3. series --json over the whole archive: written unit by unit.
const seriesWarm = measure('lorescope series --json ARCHIVE (indexed, streamed)', 1, null, () => lorescope(['series', '--json', MBOX], warmEnv));
const seriesDirect = measure('lorescope series --json ARCHIVE --no-index', 1, null, () => lorescope(['series', '--json', MBOX, '--no-index']));
// check and digest go unit by unit too (--fail-on none: the archive has high findings, exit 1).
const checkWarm = measure('lorescope check ARCHIVE (indexed, streamed)', 1, null, () => lorescope(['check', '--fail-on', 'none', MBOX], warmEnv));
const checkDirect = measure('lorescope check ARCHIVE --no-index', 1, null, () => lorescope(['check', '--fail-on', 'none', MBOX, '--no-index']));
const digestWarm = measure('lorescope digest ARCHIVE (indexed, streamed)', 1, null, () => lorescope(['digest', MBOX], warmEnv));
const digestDirect = measure('lorescope digest ARCHIVE --no-index', 1, null, () => lorescope(['digest', MBOX, '--no-index']));

// The review UI: its first frame (LORESCOPE_TUI_FIRST_FRAME=1 draws it, waits for the analysis and
// exits), on the whole archive (read a window of series at a time) and on one thread of it.
const tuiEnv = { ...warmEnv, LORESCOPE_TUI_FIRST_FRAME: '1' };
const tuiArchive = measure('lorescope tui ARCHIVE (indexed, first window, analysed)', RUNS, null, () => lorescope(['tui', MBOX], tuiEnv));
const tuiThread = measure('lorescope tui ARCHIVE MSGID (indexed, one thread, analysed)', RUNS, null, () => lorescope(['tui', MBOX, MSGID], tuiEnv));

// 4. A public-inbox v2 mirror of the same mail: digest --since 7d, first and indexed.
const mirror = join(tmp, 'mirror');
await buildMirror(MBOX, mirror);
const miEnv = fresh();
const miFirst = measure('lorescope digest --since 7d --public-inbox MIRROR (first)', 1, null, () => lorescope(['digest', '--since', '7d', '--public-inbox', mirror], miEnv));
const miWarm = measure('lorescope digest --since 7d --public-inbox MIRROR (indexed)', RUNS, null, () => lorescope(['digest', '--since', '7d', '--public-inbox', mirror], miEnv));
const miMonth = measure('lorescope digest --since 2023-12-01 --public-inbox MIRROR (indexed)', RUNS, null, () => lorescope(['digest', '--since', '2023-12-01', '--public-inbox', mirror], miEnv));

console.log('\nratios (same run):');
const listed = (rs) => rs.map((r) => r.toFixed(2)).join(' ');
console.log(`  first index vs git mailsplit: ${firstRounds.ratio(1, 0).toFixed(2)}x as fast (median of ${RUNS} back-to-back pairs: ${listed(firstRounds.perRound(1, 0))}; target >= 0.5x)`);
if (b4) {
  console.log(`  am MSGID, indexed, vs b4: ${amRounds.ratio(0, 2).toFixed(1)}x faster (median of rounds: ${listed(amRounds.perRound(0, 2))}; target >= 20x vs b4 0.12)`);
  console.log(`  am MSGID, nothing indexed, vs b4: ${amRounds.ratio(1, 2).toFixed(1)}x faster (median of rounds: ${listed(amRounds.perRound(1, 2))}; target >= 4x)`);
}
console.log(`  am MSGID, indexed, vs --no-index: ${(amDirect.s / amWarm.s).toFixed(1)}x faster`);
console.log(`  series --json streamed vs --no-index: ${(seriesDirect.s / seriesWarm.s).toFixed(2)}x the speed, peak RSS ${seriesWarm.rss ? (seriesWarm.rss / 1024).toFixed(0) : '?'} vs ${seriesDirect.rss ? (seriesDirect.rss / 1024).toFixed(0) : '?'} MiB`);
for (const [name, warm, direct] of [['check', checkWarm, checkDirect], ['digest', digestWarm, digestDirect]]) {
  console.log(`  ${name} streamed vs --no-index: ${(direct.s / warm.s).toFixed(2)}x the speed, peak RSS ${warm.rss ? (warm.rss / 1024).toFixed(0) : '?'} vs ${direct.rss ? (direct.rss / 1024).toFixed(0) : '?'} MiB`);
}
console.log(`  digest --since 7d on the indexed mirror: ${miWarm.s.toFixed(2)} s (target <= 1 s)`);
console.log(`  peak RSS under 300 MiB: index ${rssOk(first)}, am ${rssOk(amWarm)}, digest --since ${rssOk(miWarm)} / ${rssOk(miMonth)}, series --json ${rssOk(seriesWarm)}, check ${rssOk(checkWarm)}, digest ${rssOk(digestWarm)}, tui ${rssOk(tuiArchive)} / ${rssOk(tuiThread)}; first read of the mirror ${rssOk(miFirst)}; index refresh ${rssOk(again)}`);
rmSync(tmp, { recursive: true, force: true });

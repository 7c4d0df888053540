// Terminal UI start-up (issues 5 and 14): how long after process start the first frame is drawn
// (target <= 300 ms), when ink reads keys (target <= 600 ms), and when the findings of the background
// analysis (MAINTAINERS, rules) are on screen. On the bundled demo and on the real RFC v4 thread
// (104 messages, 27 patches) with MAINTAINERS-6.12, or on SOURCE... given as arguments.
//
// 1. Piped: the built CLI with LORESCOPE_TUI_FIRST_FRAME=1 prints `lorescope-tui first-frame <ms>
//    cpu <ms> main <ms>`, then `interactive …` after ink's first render (its key reader is on) and
//    `analysed …` once the analysis is drawn, and exits. Times are since the process started; `cpu`
//    is all threads (the analysis worker included), `main` the UI's thread alone (Linux). On a
//    shared machine the wall times follow the load, the main-thread CPU time much less.
// 2. In a real terminal (tmux 120x40, when installed), `?` pressed as soon as the overview shows:
//    the UI's own marks (LORESCOPE_TUI_MARKS=1: first frame, keys read, key answered, findings
//    drawn, since its start), and what polling the screen sees from `tmux new-session` on (that adds
//    tmux, the polling and its CPU).
//
// BENCH_RUNS=N sets the number of runs (default 10); medians are reported. With /usr/bin/time the
// piped runs also report the peak RSS. BENCH_TUI_ARCHIVE=MBOX adds a whole list archive (indexed
// first; the UI pages it a window at a time) and one thread out of it (BENCH_TUI_MSGID).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const bin = join(root, 'bin', 'lorescope.js');
const corpus = join(root, '..', 'shared', 'corpus');
const RFC_V4 = join(corpus, 'real', 'rfc-v4', 'private-memory-nodes-v4.mbox');
const MAINTAINERS = join(corpus, 'kernel', 'MAINTAINERS-6.12');

const ARCHIVE = process.env.BENCH_TUI_ARCHIVE;
const MSGID = process.env.BENCH_TUI_MSGID ?? '20220428120837.3737765-1-yukuai3@huawei.com';
const targets = process.argv.length > 2
  ? [{ name: process.argv.slice(2).join(' '), args: process.argv.slice(2), ready: null }]
  : [
    { name: 'demo (patches/)', args: ['patches/'], ready: 'v2 RFC · 5/5 patches' },
    ...(existsSync(RFC_V4) ? [{ name: 'RFC v4 thread, MAINTAINERS-6.12', args: ['--maintainers', MAINTAINERS, RFC_V4], ready: 'v4 RFC · 27/27 patches' }] : []),
    ...(ARCHIVE ? [
      { name: 'whole archive, indexed (paged: first window)', args: [ARCHIVE], ready: null },
      { name: 'one thread of the archive, indexed (ARCHIVE MSGID)', args: [ARCHIVE, MSGID], ready: null },
    ] : []),
  ];
if (ARCHIVE) execFileSync(process.execPath, [bin, 'index', ARCHIVE], { cwd: root, stdio: 'inherit' });
const TIME = '/usr/bin/time';
const canMeasure = existsSync(TIME);

// The built-in rules are precompiled and the UI bundled by `npm run build`; measure what it gives.
const rules = await import(join(root, 'dist', 'rules', 'index.js'));
if (!rules.loadPrecompiled(rules.PRECOMPILED_RULES, rules.BUILTIN_RULES_DIR)) {
  console.log('dist/rules-builtin.json is missing or stale: running scripts/build-rules.mjs (part of `npm run build`)');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-rules.mjs')], { cwd: root, stdio: 'inherit' });
}
if (!existsSync(join(root, 'dist', 'tui-bundle.js'))) console.log('dist/tui-bundle.js is missing (no esbuild?): ink loads unbundled');

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const fmt = (xs) => (xs.length ? `median ${quantile(xs, 0.5).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, p90 ${quantile(xs, 0.9).toFixed(0)})` : 'n/a');
const MARK = /lorescope-tui (\S+) ([\d.]+) ms cpu ([\d.]+) ms(?: main ([\d.]+) ms)?/g;

function once(args) {
  return new Promise((resolve, reject) => {
    const rss = canMeasure ? join(mkdtempSync(join(tmpdir(), 'lorescope-bench-rss-')), 'rss') : null;
    const argv = [...(rss ? [TIME, '-o', rss, '-f', '%M'] : []), process.execPath, bin, 'tui', ...args];
    const child = spawn(argv[0], argv.slice(1), { cwd: root, env: { ...process.env, LORESCOPE_TUI_FIRST_FRAME: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const r = {};
      if (rss) {
        r.peakMiB = Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024;
        rmSync(dirname(rss), { recursive: true, force: true });
      }
      for (const m of err.matchAll(MARK)) r[m[1]] = { wall: Number(m[2]), cpu: Number(m[3]), main: m[4] === undefined ? null : Number(m[4]) };
      if (code === 0 && r['first-frame'] && r.interactive) resolve(r);
      else reject(new Error(`exit ${code}: ${err}`));
    });
  });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function tmuxRuns(target, n) {
  const socket = `lorescope-bench-${process.pid}`;
  const tm = (...a) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  const state = mkdtempSync(join(tmpdir(), 'lorescope-bench-'));
  const marks = join(state, 'marks');
  const shell = `node ${bin} tui ${target.args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')} 2>>${marks}`;
  const out = { first: [], key: [], analysed: [] };
  try {
    // A session that outlives the measured ones, so the server does not exit between runs.
    tm('new-session', '-d', '-s', 'keep', 'sleep 600');
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      tm('new-session', '-d', '-s', `b${i}`, '-x', '120', '-y', '40', '-c', root, '-e', 'NO_COLOR=1', '-e', 'LORESCOPE_TUI_MARKS=1', '-e', `XDG_STATE_HOME=${state}`, shell);
      // Polls 20 ms apart: a tight loop of tmux processes would take the CPU the UI needs.
      const until = (test) => {
        while (performance.now() - t0 < 15000) {
          if (test(tm('capture-pane', '-p', '-t', `b${i}`))) return performance.now() - t0;
          Atomics.wait(pause, 0, 0, 20);
        }
        return null;
      };
      const first = until((s) => s.includes(target.ready));
      if (first === null) continue;
      out.first.push(first);
      tm('send-keys', '-t', `b${i}`, '-l', '?');
      const key = until((s) => s.includes('this help'));
      if (key !== null) out.key.push(key);
      tm('send-keys', '-t', `b${i}`, 'Escape');
      const analysed = until((s) => s.includes(target.ready) && !s.includes('analysing'));
      if (analysed !== null) out.analysed.push(analysed);
      tm('kill-session', '-t', `b${i}`);
    }
    // The UI's own marks in the real terminal: when each thing was drawn, without the polling.
    out.marks = {};
    for (const m of readFileSync(marks, 'utf8').matchAll(MARK)) (out.marks[m[1]] ??= []).push(Number(m[2]));
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    rmSync(state, { recursive: true, force: true });
  }
  return out;
}

const tmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
console.log(`tui start-up, ${RUNS} runs each, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const target of targets) {
  console.log(`\n${target.name}: node bin/lorescope.js tui ${target.args.map((a) => a.replace(root + '/', '')).join(' ')}`);
  await once(target.args); // warm the file cache
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(target.args));
  const col = (k, f) => runs.map((r) => r[k]?.[f]).filter((x) => typeof x === 'number');
  console.log(`  first frame:        ${fmt(col('first-frame', 'wall'))} since process start; main thread CPU ${fmt(col('first-frame', 'main'))} (target <= 300 ms)`);
  console.log(`  keys read (ink up): ${fmt(col('interactive', 'wall'))}; main thread CPU ${fmt(col('interactive', 'main'))} (target <= 600 ms)`);
  console.log(`  findings drawn:     ${fmt(col('analysed', 'wall'))}; CPU of all threads ${fmt(col('analysed', 'cpu'))}`);
  const peaks = runs.map((r) => r.peakMiB).filter((x) => typeof x === 'number');
  if (peaks.length) console.log(`  peak RSS:           median ${quantile(peaks, 0.5).toFixed(0)} MiB (max ${Math.max(...peaks).toFixed(0)})`);
  if (!tmux || !target.ready) continue;
  const t = tmuxRuns(target, Math.min(RUNS, 8));
  console.log(`  real terminal (tmux 120x40, \`?\` pressed as the overview shows), as the UI marks them since its start:`);
  console.log(`    first frame ${fmt(t.marks['first-frame'] ?? [])}, keys read ${fmt(t.marks.interactive ?? [])}, key answered ${fmt(t.marks['key-answered'] ?? [])}, findings ${fmt(t.marks.analysed ?? [])}`);
  console.log(`    as seen by polling the screen from tmux new-session: overview ${fmt(t.first)}, key answered ${fmt(t.key)}, findings ${fmt(t.analysed)}`);
}
console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

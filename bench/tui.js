// Issue 5 benchmark: how long after process start the terminal UI shows its first frame on the demo
// series (target < 300 ms), and when ink has taken over and reads keys.
//
// 1. Piped: the built CLI with LORESCOPE_TUI_FIRST_FRAME=1 prints `lorescope-tui first-frame <ms>
//    cpu <ms>` (performance.now(), i.e. since the process started, and CPU time used) when the first
//    frame is written, and `interactive …` after ink's first render, then exits. The parent's
//    spawn-to-line time is reported too (it adds process creation). On a shared machine the wall
//    times follow the load; the CPU time does much less.
// 2. In a real terminal (tmux 120x40, when installed): spawn-to-screen time, polling capture-pane.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const bin = join(root, 'bin', 'lorescope.js');
// (`lorescope tui --help` without the command is `series tui --help`: look for the usage line.)
const registered = spawnSync(process.execPath, [bin, 'tui', '--help'], { cwd: root, encoding: 'utf8' }).stdout.includes('Usage: lorescope tui');
// Before src/cli/main.ts registers `tui`, run the same built code through its module.
const launcher = registered
  ? [bin, 'tui', 'patches/']
  : ['--input-type=module', '-e', `const { openTui } = await import(${JSON.stringify(join(root, 'dist', 'cli', 'cmd-tui.js'))}); process.exitCode = await openTui(['patches/'], {});`];

// The built-in rules are precompiled by `npm run build` (scripts/build-rules.mjs); after a bare
// `npx tsc -p .` the CLI would parse the yaml at run time (~100 ms more). Measure what the build gives.
const rules = await import(join(root, 'dist', 'rules', 'index.js'));
if (!rules.loadPrecompiled(rules.PRECOMPILED_RULES, rules.BUILTIN_RULES_DIR)) {
  console.log('dist/rules-builtin.json is missing or stale: running scripts/build-rules.mjs (part of `npm run build`)');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-rules.mjs')], { cwd: root, stdio: 'inherit' });
}

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const fmt = (xs) => `median ${quantile(xs, 0.5).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, p90 ${quantile(xs, 0.9).toFixed(0)}`;

function once() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, launcher, { cwd: root, env: { ...process.env, LORESCOPE_TUI_FIRST_FRAME: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const r = {};
    child.stderr.on('data', (d) => {
      err += d;
      const m = /lorescope-tui first-frame ([\d.]+) ms cpu ([\d.]+) ms/.exec(err);
      if (m && r.first === undefined) { r.first = Number(m[1]); r.firstCpu = Number(m[2]); r.spawnToFirst = performance.now() - t0; }
      const i = /lorescope-tui interactive ([\d.]+) ms cpu ([\d.]+) ms/.exec(err);
      if (i && r.interactive === undefined) { r.interactive = Number(i[1]); r.interactiveCpu = Number(i[2]); }
    });
    child.on('close', (code) => (code === 0 && r.first !== undefined ? resolve(r) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

function nodeStartup() {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
}

console.log(`tui first frame on the demo (${registered ? 'node bin/lorescope.js tui patches/' : 'dist/cli/cmd-tui.js: `tui` not registered in the CLI yet'}), ${RUNS} runs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await once(); // warm the file cache
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const startup = Array.from({ length: 5 }, nodeStartup);
console.log(`  first frame, since process start:   ${fmt(runs.map((r) => r.first))} (target < 300 ms)`);
console.log(`  first frame, spawn to frame:        ${fmt(runs.map((r) => r.spawnToFirst))}`);
console.log(`  first frame, CPU time used:          ${fmt(runs.map((r) => r.firstCpu))} (all threads; close to the wall time of an idle machine)`);
console.log(`  ink mounted (keys read), since start: ${fmt(runs.map((r) => r.interactive))}, CPU ${fmt(runs.map((r) => r.interactiveCpu))}`);
console.log(`  for scale, \`node -e 0\` spawn to exit: ${fmt(startup)}`);

const tmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!tmux) {
  console.log('  real terminal: skipped (tmux not installed)');
} else {
  const socket = `lorescope-bench-${process.pid}`;
  const tm = (...a) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  const shell = registered ? `node ${bin} tui patches/` : `node ${launcher.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')}`;
  const times = [];
  const state = mkdtempSync(join(tmpdir(), 'lorescope-bench-'));
  try {
    // A session that outlives the measured ones, so the server does not exit between runs.
    tm('new-session', '-d', '-s', 'keep', 'sleep 600');
    for (let i = 0; i < Math.min(RUNS, 8); i++) {
      const t0 = performance.now();
      tm('new-session', '-d', '-s', `b${i}`, '-x', '120', '-y', '40', '-c', root, '-e', 'NO_COLOR=1', '-e', `XDG_STATE_HOME=${state}`, shell);
      let seen = false;
      while (!seen && performance.now() - t0 < 10000) seen = tm('capture-pane', '-p', '-t', `b${i}`).includes('v2 RFC · 5/5 patches');
      if (seen) times.push(performance.now() - t0);
      tm('kill-session', '-t', `b${i}`);
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    rmSync(state, { recursive: true, force: true });
  }
  if (times.length) console.log(`  real terminal (tmux 120x40), new-session to overview on screen: ${fmt(times)} (includes tmux and polling)`);
}

// Benchmark markers for bench/tui.js (LORESCOPE_TUI_FIRST_FRAME=1): wall time since the process
// started, the CPU time used by all threads, and by the main thread alone where Linux tells it
// (/proc/self/task/PID/schedstat): with a worker and other load on the machine, that one says best
// what the UI's own thread costs.
import { readFileSync } from 'node:fs';

function mainThreadMs(): string {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ` main ${(ns / 1e6).toFixed(1)} ms` : '';
  } catch {
    return '';
  }
}

export function mark(what: string): void {
  const cpu = process.cpuUsage();
  process.stderr.write(`lorescope-tui ${what} ${performance.now().toFixed(1)} ms cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms${mainThreadMs()}\n`);
}

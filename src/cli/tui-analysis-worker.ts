// Worker thread for the terminal UI's background analysis (tui-analysis.ts): MAINTAINERS, rules and
// message texts on the second core while the UI draws and reads keys on the first.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type AnalysisJob } from './tui-analysis-job.js';

/**
 * On a busy machine the UI's thread must win: this thread runs at a lower priority (Linux lets a
 * thread have its own nice value; elsewhere this is skipped).
 */
function yieldToTheUi(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the analysis runs at the UI's priority.
  }
}

yieldToTheUi();
try {
  parentPort?.postMessage({ ok: true, result: await runJob(workerData as AnalysisJob) });
} catch (e) {
  parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}

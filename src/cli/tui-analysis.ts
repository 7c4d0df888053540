// The terminal UI draws the series as soon as the mail is read; MAINTAINERS and the rules (a few
// hundred ms on a big series) run meanwhile in a worker thread, and their results are merged into the
// model when they arrive. Without a worker (it failed to start) the same job runs on this thread.
import { Worker } from 'node:worker_threads';
import type { ReviewModel } from '../model/review.js';
import type { Loaded } from '../pipeline/load.js';
import { withAnalysis } from '../review/analysis.js';
import { withDiscussion } from '../review/build.js';
import { jobFor, runJob, type AnalysisFlags, type AnalysisJob, type AnalysisResult } from './tui-analysis-job.js';

export interface AnalysisUpdate {
  review: ReviewModel;
  warnings: string[];
  /** Where the job ran (the main thread when the worker could not). */
  ranIn: 'worker' | 'main thread';
}

export interface BackgroundJob {
  result: Promise<AnalysisUpdate>;
  /** Stop the work (the user quit first). */
  cancel(): void;
}

type Reply = { ok: true; result: AnalysisResult } | { ok: false; error: string };

/** The job itself failed (in the worker): running it again here would fail the same way. */
class JobError extends Error {}

function inWorker(job: AnalysisJob, onWorker: (w: Worker) => void): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      // Its stdout and stderr are kept: a worker writing to the terminal would draw over the UI.
      worker = new Worker(new URL('./tui-analysis-worker.js', import.meta.url), { workerData: job, stdout: true, stderr: true });
    } catch (e) {
      reject(e);
      return;
    }
    onWorker(worker);
    let done = false;
    worker.once('message', (m: Reply) => {
      done = true;
      if (m.ok) resolve(m.result);
      else reject(new JobError(m.error));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!done) reject(e);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`analysis worker exited with code ${code}`));
    });
  });
}

export function analyseInBackground(loaded: Loaded, quick: ReviewModel, flags: AnalysisFlags): BackgroundJob {
  const job = jobFor(loaded, quick, flags);
  let worker: Worker | null = null;
  let cancelled = false;
  let ranIn: AnalysisUpdate['ranIn'] = 'worker';
  const result = inWorker(job, (w) => (worker = w))
    .catch(async (e: unknown) => {
      if (cancelled || e instanceof JobError) throw e;
      // A worker that could not start (or died) must not cost the findings: do it here instead
      // (quietly: the terminal belongs to the UI).
      ranIn = 'main thread';
      return runJob(job);
    })
    // The sections name each touched subsystem's people: the discussion's who-spoke is redone with them.
    .then((r): AnalysisUpdate => ({ review: withDiscussion(withAnalysis(quick, r.analysis), loaded.mails), warnings: r.warnings, ranIn }));
  return {
    result,
    cancel: () => {
      cancelled = true;
      void (worker as Worker | null)?.terminate();
    },
  };
}

// A worker thread's share of a first index: one byte range of an mbox (from a separator line to the
// next range's), split and read into index rows, sent back in batches. Splitting is independent of
// where reads start, so the ranges give exactly the messages one pass over the file gives.
import { workerData, type MessagePort } from 'node:worker_threads';
import { splitMbox } from '../sources/mbox.js';
import { range } from './range.js';
import { indexedRow, type IndexedRow } from './rows.js';

export interface ParseJob {
  path: string;
  /** Label for origins (what the user named). */
  source: string;
  start: number;
  end: number;
  mboxrd: boolean;
  maxMessageBytes?: number;
}

/** The job as the worker receives it: with the port the rows go to (read synchronously there). */
interface PortedJob extends ParseJob {
  port: MessagePort;
}

export type ParseReply = { rows: IndexedRow[] } | { done: number } | { error: string };

async function run(job: PortedJob): Promise<void> {
  const out = job.port;
  let batch: IndexedRow[] = [];
  let count = 0;
  for await (const m of splitMbox(range(job.path, job.start, job.end), { source: job.source, mboxrd: job.mboxrd, maxMessageBytes: job.maxMessageBytes, base: job.start, quoted: true, transient: true })) {
    batch.push(indexedRow(m));
    count = m.origin.index + 1;
    if (batch.length >= 1000) {
      out.postMessage({ rows: batch } satisfies ParseReply);
      batch = [];
    }
  }
  if (batch.length) out.postMessage({ rows: batch } satisfies ParseReply);
  out.postMessage({ done: count } satisfies ParseReply);
}

const job = workerData as PortedJob;
run(job).catch((e: unknown) => job.port.postMessage({ error: (e as Error).message } satisfies ParseReply));

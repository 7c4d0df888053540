// A first index of a large plain mbox in two worker threads, one per half of the file (cut at a
// separator line), while this thread writes the rows: reading envelopes is most of the work, and the
// machine has two cores. Falls back (null) where it cannot help or cannot run.
import { existsSync, closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isFromLine, splitMbox } from '../sources/mbox.js';
import { indexedRow, type IndexedRow } from './store.js';
import { range } from './range.js';
import type { ParseJob, ParseReply } from './parse-worker.js';

/** Below this the threads cost more than they save. */
const MIN_BYTES = 8 << 20;
const WINDOW = 1 << 20;

/** A separator line near the middle of the file, as one pass of the splitter would see it, or -1. */
function middleSeparator(path: string, size: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(WINDOW);
    for (let from = Math.floor(size / 2); from < size - 1; from += WINDOW - 200) {
      const n = readSync(fd, buf, 0, WINDOW, from);
      const chunk = buf.subarray(0, n);
      for (let at = chunk.indexOf('\nFrom '); at >= 0 && at + 1 < n; at = chunk.indexOf('\nFrom ', at + 1)) {
        const end = chunk.indexOf(0x0a, at + 1);
        if (end < 0) break;
        if (isFromLine(chunk.subarray(at + 1, end + 1))) return from + at + 1;
      }
      if (from + WINDOW - 200 > size / 2 + 16 * WINDOW) return -1;
    }
    return -1;
  } finally {
    closeSync(fd);
  }
}

function startWorker(url: URL, job: ParseJob): { rows: AsyncGenerator<IndexedRow[]>; count: Promise<number> } {
  // A small heap: the worker holds one 4 MiB read and its messages at a time; a lazy GC would not.
  const w = new Worker(url, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 } });
  const queue: IndexedRow[][] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let failure: Error | null = null;
  let resolveCount!: (n: number) => void;
  let rejectCount!: (e: Error) => void;
  const count = new Promise<number>((res, rej) => { resolveCount = res; rejectCount = rej; });
  count.catch(() => undefined);
  const finish = (e: Error | null, n?: number) => {
    if (done) return;
    done = true;
    failure = e;
    if (e) rejectCount(e);
    else resolveCount(n!);
    wake?.();
  };
  w.on('message', (m: ParseReply) => {
    if ('rows' in m) { queue.push(m.rows); wake?.(); } else if ('done' in m) finish(null, m.done);
    else finish(new Error(m.error));
  });
  w.on('error', (e) => finish(e));
  w.on('exit', (code) => finish(code === 0 ? null : new Error(`index worker exited with code ${code}`), 0));
  const rows = (async function* () {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (done) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((r) => { wake = r; });
      wake = null;
    }
  })();
  return { rows, count };
}

export function parallelRows(path: string, label: string, size: number, mboxrd: boolean, maxMessageBytes?: number): AsyncGenerator<IndexedRow> | null {
  const url = new URL('./parse-worker.js', import.meta.url);
  if (size < MIN_BYTES || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  const cut = middleSeparator(path, size);
  if (cut <= 0) return null;
  // The second half in a worker; the first here, between writing rows (one isolate fewer to pay for).
  const b = startWorker(url, { path, source: label, start: cut, end: size, mboxrd, maxMessageBytes });
  return (async function* () {
    const later: IndexedRow[][] = [];
    const second = (async () => { for await (const batch of b.rows) later.push(batch); })();
    let offset = 0;
    for await (const m of splitMbox(range(path, 0, cut), { source: label, mboxrd, maxMessageBytes })) {
      offset = m.origin.index + 1;
      yield indexedRow(m);
    }
    await second;
    for (const batch of later) {
      for (const r of batch) {
        r.seq += offset;
        yield r;
      }
    }
  })();
}

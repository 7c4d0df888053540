// A first index of a large plain mbox in two threads, each reading a part of the file (cut at a
// separator line), while this thread also writes the rows: reading envelopes is most of the work, and the
// machine has two cores. Falls back (null) where it cannot help or cannot run.
import { existsSync, closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { Db } from './db.js';
import { isFromLine, splitMbox } from '../sources/mbox.js';
import { indexedRow, type IndexedRow } from './rows.js';
import { range } from './range.js';
import type { ParseJob, ParseReply } from './parse-worker.js';

/**
 * Below this the threads cost more than they save: a second isolate starts, compiles the reader
 * again and sends every row across, about 0.6 s of CPU. Measured on this 2-core machine with the
 * cgroups archive (152 MB) once read buffers were reused: one thread 1.26 s, two 1.48 s; the archive
 * twice over (300 MB) 1.95 s against 2.03 s; four times (600 MB) 4.6 s against 3.5 s.
 * LORESCOPE_INDEX_THREADS_FROM (bytes) moves the threshold (the tests use it to run both ways).
 */
const MIN_BYTES = 384 << 20;

function minBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.LORESCOPE_INDEX_THREADS_FROM;
  return v && /^\d{1,15}$/.test(v) ? Number(v) : MIN_BYTES;
}
const WINDOW = 1 << 20;
/**
 * This thread's share of the file: it also writes every row and works out the units. Measured on the
 * cgroups archive on this 2-core machine: half the file here and half in one worker was fastest
 * (1.1-1.3 s); a 40% share, or two workers for 90% of the file, were slower, the two cores slowing
 * each other down on this work by more than half.
 */
const SHARE = 0.5;

/** A separator line near the middle of the file, as one pass of the splitter would see it, or -1. */
function separatorNear(path: string, size: number, at: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(WINDOW);
    for (let from = at; from < size - 1; from += WINDOW - 200) {
      const n = readSync(fd, buf, 0, WINDOW, from);
      const chunk = buf.subarray(0, n);
      for (let at = chunk.indexOf('\nFrom '); at >= 0 && at + 1 < n; at = chunk.indexOf('\nFrom ', at + 1)) {
        const end = chunk.indexOf(0x0a, at + 1);
        if (end < 0) break;
        if (isFromLine(chunk.subarray(at + 1, end + 1))) return from + at + 1;
      }
      if (from + WINDOW - 200 > at + 16 * WINDOW) return -1;
    }
    return -1;
  } finally {
    closeSync(fd);
  }
}

/** Rows the worker has sent, taken without waiting: this thread's own loop never yields to the event loop. */
interface WorkerPart {
  take(): IndexedRow[] | null;
  /** Resolves when the worker has ended (rejects on its failure); `take` then drains the rest. */
  ended: Promise<void>;
}

function startWorker(url: URL, job: ParseJob): WorkerPart {
  const { port1, port2 } = new MessageChannel();
  // A small old space: the worker holds one 4 MiB read and its messages at a time (a lazy GC would
  // not). A young space of 32 MB: with 8 the scavenges cost a quarter of its time.
  const w = new Worker(url, { workerData: { ...job, port: port2 }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 } });
  let failure: Error | null = null;
  let finished = false;
  const ended = new Promise<void>((resolve, reject) => {
    w.on('error', (e) => { failure ??= e; });
    w.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`index worker exited with code ${code}`);
      // Whatever it posted before exiting is still in the port.
      let m;
      while (!failure && (m = receiveMessageOnPort(port1)) !== undefined) pending.push(m.message as ParseReply);
      if (!failure && !finished && !pending.some((r) => 'done' in r)) failure = new Error('index worker ended without finishing');
      if (failure) reject(failure);
      else resolve();
    });
  });
  ended.catch(() => undefined);
  const pending: ParseReply[] = [];
  const next = (): ParseReply | undefined => pending.shift() ?? (receiveMessageOnPort(port1)?.message as ParseReply | undefined);
  return {
    ended,
    take() {
      for (let m = next(); m !== undefined; m = next()) {
        if ('rows' in m) return m.rows;
        if ('error' in m) throw new Error(m.error);
        finished = true;
      }
      if (failure) throw failure;
      return null;
    },
  };
}

/**
 * A first index's rows from two threads, in no particular order. The worker's rows cannot know their
 * place until this thread has counted its own, so they come with provisional seqs (-1 - their place
 * in the worker's part); `settle` then puts them after this thread's rows.
 */
export interface ParallelRows {
  rows: AsyncGenerator<IndexedRow>;
  settle(db: Db, source: number): void;
}

export function parallelRows(path: string, label: string, size: number, mboxrd: boolean, maxMessageBytes?: number): ParallelRows | null {
  const url = new URL('./parse-worker.js', import.meta.url);
  if (size < minBytes() || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  const cut = separatorNear(path, size, Math.floor(size * SHARE));
  if (cut <= 0) return null;
  // The rest in a worker; the first part here, between writing rows (one isolate fewer to pay for).
  const worker = startWorker(url, { path, source: label, start: cut, end: size, mboxrd, maxMessageBytes });
  let own = 0;
  function* arrived(): Generator<IndexedRow> {
    for (let batch = worker.take(); batch; batch = worker.take()) {
      for (const r of batch) {
        r.seq = -1 - r.seq;
        yield r;
      }
    }
  }
  const rows = (async function* () {
    for await (const m of splitMbox(range(path, 0, cut), { source: label, mboxrd, maxMessageBytes, quoted: true, transient: true })) {
      own = m.origin.index + 1;
      yield indexedRow(m);
      // Written as they arrive, so that writing overlaps the worker's reading.
      yield* arrived();
    }
    const ended = worker.ended.then(() => true);
    for (;;) {
      yield* arrived();
      const over = await Promise.race([ended, new Promise<false>((r) => setTimeout(() => r(false), 2))]);
      if (over) break;
    }
    yield* arrived();
  })();
  return {
    rows,
    settle(db, source) {
      db.prepare('UPDATE messages SET seq = ? - 1 - seq WHERE source = ? AND seq < 0').run(own, source);
    },
  };
}

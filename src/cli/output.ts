// Writing results: to stdout, a file, or through a pager when a human is reading.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { sanitize } from '../util/sanitize.js';

export function writeOut(text: string, file?: string): void {
  if (file && file !== '-') {
    writeFileSync(file, text);
    return;
  }
  process.stdout.write(text);
}

/** Where a command that writes as it goes sends its output (`-o FILE`, else stdout). */
export interface Sink {
  write(chunk: string | Buffer): void | Promise<void>;
  close(): void;
}

export function openSink(file?: string): Sink {
  if (file && file !== '-') {
    const fd = openSync(file, 'w');
    const write = (chunk: string | Buffer) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
    };
    return { write, close: () => closeSync(fd) };
  }
  return { write: writeStdout, close: () => {} };
}

/** Write with backpressure: a pipe that reads slowly must not make us hold the whole output. */
export function writeStdout(chunk: string | Buffer): Promise<void> | void {
  if (process.stdout.write(chunk)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

/** Page long output like git does: $LORESCOPE_PAGER, $PAGER, else `less -FRX`; never when piped. */
export function pageOut(text: string, usePager: boolean): void {
  const rows = process.stdout.rows ?? 0;
  if (!usePager || !process.stdout.isTTY || text.split('\n').length < rows) {
    process.stdout.write(text);
    return;
  }
  const pager = process.env.LORESCOPE_PAGER ?? process.env.PAGER ?? 'less';
  if (!pager || pager === 'cat') {
    process.stdout.write(text);
    return;
  }
  const r = spawnSync(pager, { input: text, stdio: ['pipe', 'inherit', 'inherit'], shell: true, env: { LESS: 'FRX', ...process.env } });
  if (r.error) process.stdout.write(text);
}

/** A diagnostic on stderr; what it quotes from mail cannot reach the terminal as a control sequence. */
export function warn(msg: string): void {
  const text = sanitize(msg);
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

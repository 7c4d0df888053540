// The bytes of a file between two offsets, in the 4 MiB reads the splitter is fed, into one reused
// buffer: the splitter reading them must be transient (MboxOptions.transient).
import { syncFileChunks } from '../sources/read.js';

export async function* range(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  let at = start;
  for await (const chunk of syncFileChunks(path, start, true)) {
    if (at >= end) return;
    const take = Math.min(chunk.length, end - at);
    at += take;
    yield take === chunk.length ? chunk : chunk.subarray(0, take);
  }
}

// Between the units of a streamed command (cli/unit-stream.ts) little is live, 20-50 MB on an archive,
// but V8, seeing a busy program, lets the old generation grow to four times that before it collects
// it: most of the peak RSS of such a run was garbage, with the Buffers and native memory it holds.
// A full collection when the heap has grown by a margin since the last one keeps the peak near what
// the largest unit needs. It runs a few times per archive, a few ms each; without `gc` (the flag could
// not be set) nothing happens and V8 collects as it would.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;
let floor = 0;

/** V8's `gc()`: the flag exposes it in contexts made after it is set, so a fresh one is made. */
function collector(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** Collect when the heap holds `margin` bytes more than after the last collection made here. */
export function collectIfGrown(margin = 32 * 1024 * 1024): void {
  if (getHeapStatistics().used_heap_size < floor + margin) return;
  const f = collector();
  if (!f) return;
  f();
  floor = getHeapStatistics().used_heap_size;
}

// Between the units of a streamed command (cli/unit-stream.ts) little is live, 20-50 MB on an archive,
// but V8, seeing a busy program, lets the old generation grow to about four times what survived its
// last full collection before the next: most of the peak RSS of such a run was garbage, and the
// Buffers and native memory it held (270-290 MB on the cgroups archive). Growth by half of what
// survived keeps the peak near what the largest unit needs (about 200 MB) at no measurable cost in
// time. V8 reads the flag at each collection; Node warns that such a flag may also do nothing, in
// which case V8 collects as it would.
import { setFlagsFromString } from 'node:v8';

const GROWING_PERCENT = 50;

let set = false;

export function boundHeapGrowth(): void {
  if (set) return;
  set = true;
  setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
}

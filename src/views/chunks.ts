// Output written as it goes: what Array.join would give, without holding the parts together.

/** The parts with `sep` between them; `empty` alone when there are none. */
export function* joined<T extends string | Buffer>(parts: Iterable<T>, sep: string, empty = ''): Generator<T | string> {
  let n = 0;
  for (const p of parts) {
    if (n++) yield sep;
    yield p;
  }
  if (!n && empty) yield empty;
}

// Option parsers for flags that may be given more than once.

/** `--x a --x b` → ['a', 'b']. */
export const repeatable = (v: string, prev: string[] = []): string[] => [...prev, v];

/** `--x a,b --x c` → ['a', 'b', 'c']. */
export const repeatableList = (v: string, prev: string[] = []): string[] => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

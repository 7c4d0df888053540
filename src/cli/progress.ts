// Progress on stderr, only when a person is watching it.
export function progressReporter(label: string): ((n: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (n: number) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    process.stderr.write(`\r${label}: ${n} messages`);
  };
}

export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

// A mistake in how lorescope was called: one line on stderr and exit code 2, no stack trace.
export class UsageError extends Error {}

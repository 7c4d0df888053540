// Network failures in words: which ones are worth another attempt, and the one-line message.
import { SourceError } from './read.js';

/** A failure of our own making (idle timeout, short body) carrying a code like node's. */
export class NetError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const RETRYABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'ECONNABORTED', 'ENETDOWN', 'TIMEOUT', 'EPREMATURE', 'UND_ERR_SOCKET',
]);

const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  EPIPE: 'connection closed',
  ECONNABORTED: 'connection aborted',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
};

export function isRetryable(e: unknown): boolean {
  if (e instanceof SourceError) return false;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/** `cannot fetch URL: connection refused (3 attempts)`; a SourceError passes through unchanged. */
export function httpFailure(e: unknown, url: URL, attempts: number): SourceError {
  if (e instanceof SourceError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const why = e instanceof NetError ? e.message : (code && WORDS[code]) ?? code ?? firstLine((e as Error)?.message ?? String(e));
  const tail = attempts > 1 ? ` (${attempts} attempts)` : '';
  return new SourceError(`cannot fetch ${url.href}: ${why}${tail}`);
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return (nl < 0 ? s : s.slice(0, nl)).slice(0, 200);
}

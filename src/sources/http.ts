// Downloading one URL to a file with node's own http/https: idle timeouts, bounded retries with
// backoff (network errors, 5xx, 429), bounded redirects, a size limit, one-line errors.
//
// node:http rather than fetch: fetch decodes Content-Encoding without any size limit, and its
// timeouts cannot be set per idle socket.
import http from 'node:http';
import https from 'node:https';
import { createWriteStream, unlinkSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { SourceError } from './read.js';
import { httpFailure, isRetryable, NetError } from './http-errors.js';

export interface HttpOptions {
  /** A socket idle for this long fails the attempt. */
  timeoutMs?: number;
  /** Attempts after the first one, for network errors, 5xx and 429. */
  retries?: number;
  /** First wait between attempts; doubled each time. */
  backoffMs?: number;
  /** Largest body accepted (bytes written to the file). */
  maxBytes?: number;
  maxRedirects?: number;
  onProgress?: (received: number, total: number | null) => void;
  userAgent?: string;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  retries: 2,
  backoffMs: 500,
  maxBytes: 1024 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'lorescope/0.1',
} as const;

export class HttpStatusError extends SourceError {
  constructor(message: string, readonly status: number, readonly url: string) {
    super(message);
  }
}

type Outcome =
  | { kind: 'ok'; bytes: number }
  | { kind: 'redirect'; to: URL }
  | { kind: 'status'; status: number; text: string; retryAfterMs: number | null };

const MAX_RETRY_AFTER_MS = 10_000;

function retryAfter(value: string | undefined): number | null {
  if (!value || !/^\d{1,6}$/.test(value.trim())) return null;
  return Math.min(Number(value.trim()) * 1000, MAX_RETRY_AFTER_MS);
}

/** Counts bytes on their way to the file and stops at the limit. */
function counter(url: string, max: number, total: number | null, onProgress?: HttpOptions['onProgress']): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      n += chunk.length;
      if (n > max) {
        done(new SourceError(`${url}: download exceeds the limit of ${max} bytes`));
        return;
      }
      onProgress?.(n, total);
      done(null, chunk);
    },
  });
}

function attempt(url: URL, dest: string, o: Required<Omit<HttpOptions, 'onProgress'>> & HttpOptions): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.get(url, {
      headers: { 'User-Agent': o.userAgent, 'Accept-Encoding': 'identity', Accept: '*/*' },
      timeout: o.timeoutMs,
    });
    req.on('timeout', () => req.destroy(new NetError('TIMEOUT', `no response within ${seconds(o.timeoutMs)}`)));
    req.on('error', (e) => reject(e));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ kind: 'redirect', to: new URL(res.headers.location, url) });
        return;
      }
      if (status !== 200) {
        res.resume();
        resolve({ kind: 'status', status, text: res.statusMessage ?? '', retryAfterMs: retryAfter(res.headers['retry-after']) });
        return;
      }
      const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
        res.resume();
        reject(new SourceError(`${url.href}: unsupported Content-Encoding ${encoding}`));
        return;
      }
      const declared = res.headers['content-length'] ? Number(res.headers['content-length']) : null;
      const stages: (Readable | Transform)[] = [res];
      if (encoding !== 'identity') stages.push(createGunzip());
      const total = encoding === 'identity' ? declared : null;
      let received = 0;
      stages.push(new Transform({ transform(c: Buffer, _e, d) { received += c.length; d(null, c); } }));
      pipeline([...stages, counter(url.href, o.maxBytes, total, o.onProgress), createWriteStream(dest, { mode: 0o600 })])
        .then(() => {
          if (total !== null && received !== total) {
            reject(new NetError('EPREMATURE', `connection closed after ${received} of ${total} bytes`));
            return;
          }
          resolve({ kind: 'ok', bytes: received });
        })
        .catch((e: Error) => {
          if (e instanceof SourceError) reject(e);
          else if ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || e.message === 'aborted') {
            reject(new NetError('EPREMATURE', `connection closed after ${received}${total ? ` of ${total}` : ''} bytes`));
          } else reject(e);
        });
    });
  });
}

const seconds = (ms: number) => (ms % 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms / 1000} s`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Download `url` into `dest`. Fails with a one-line SourceError (HttpStatusError for HTTP statuses);
 * a partial file is removed.
 */
export async function downloadToFile(url: string, dest: string, opts: HttpOptions = {}): Promise<{ bytes: number; url: string }> {
  const o = { ...HTTP_DEFAULTS, ...opts };
  let current = new URL(url);
  let redirects = 0;
  let failures = 0;
  for (;;) {
    let outcome: Outcome | null = null;
    let error: unknown = null;
    try {
      outcome = await attempt(current, dest, o);
    } catch (e) {
      error = e;
    }
    if (outcome?.kind === 'ok') return { bytes: outcome.bytes, url: current.href };
    removeQuietly(dest);
    if (outcome?.kind === 'redirect') {
      if (++redirects > o.maxRedirects) throw new SourceError(`${url}: more than ${o.maxRedirects} redirects`);
      if (outcome.to.protocol !== 'https:' && !(outcome.to.protocol === 'http:' && current.protocol === 'http:')) {
        throw new SourceError(`${current.href}: refusing a redirect to ${outcome.to.href}`);
      }
      current = outcome.to;
      continue;
    }
    const retryable = outcome ? outcome.status >= 500 || outcome.status === 429 : isRetryable(error);
    if (!retryable || failures >= o.retries) {
      const attempts = failures + 1;
      if (outcome?.kind === 'status') {
        const tail = attempts > 1 ? ` (${attempts} attempts)` : '';
        throw new HttpStatusError(`HTTP ${outcome.status}${outcome.text ? ' ' + outcome.text : ''} from ${current.href}${tail}`, outcome.status, current.href);
      }
      throw httpFailure(error, current, attempts);
    }
    const wait = (outcome?.kind === 'status' && outcome.retryAfterMs !== null) ? outcome.retryAfterMs : o.backoffMs * 2 ** failures;
    failures++;
    await sleep(wait);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* nothing written */
  }
}

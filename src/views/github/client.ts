// The octokit client: token, API base (GitHub Enterprise), bounded retries on 5xx and network
// errors, rate-limit waits with a ceiling, and logging kept off the terminal. octokit is ESM-only and
// costs load time, so it is imported here, on first use, and nowhere in the core.
import type { Octokit } from '@octokit/rest';
import { GithubError } from './errors.js';
import { octokitLog, type LogSink } from './log.js';

export type GithubClient = Octokit;

export const DEFAULT_API = 'https://api.github.com';

export interface ClientOptions {
  token: string | null;
  /** REST API root, e.g. https://ghe.example.com/api/v3. */
  baseUrl?: string;
  /** Attempts after the first one, for 5xx, network errors and rate limits. */
  retries?: number;
  /** Retry n waits n² times this (5xx) or the rate-limit reset times this per second. */
  retryBaseMs?: number;
  /** Longest rate-limit wait accepted, in seconds; beyond it the request fails at once. */
  maxRateLimitWaitS?: number;
  /** GitHub asks for writes to be spaced (>= 1 s); tests turn that off. */
  spaceWrites?: boolean;
  log?: LogSink;
  userAgent?: string;
}

export const CLIENT_DEFAULTS = { retries: 3, retryBaseMs: 1000, maxRateLimitWaitS: 60 } as const;

/** Errors that another attempt cannot fix. Rate limits (403/429) are the throttling plugin's to retry. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export function checkApiUrl(url: string, flag = '--github-api'): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new GithubError(`${flag} ${url}: not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new GithubError(`${flag} ${url}: must be an http(s) URL`);
  if (u.username || u.password) throw new GithubError(`${flag}: put the token in GITHUB_TOKEN, not in the URL`);
  return u.href.replace(/\/+$/, '');
}

/** A bottleneck group stand-in that runs every job at once (tests: no write spacing). */
const IMMEDIATE = {
  key: () => ({ schedule: (_opts: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(fn(...args)) }),
};

export async function createGithubClient(opts: ClientOptions): Promise<GithubClient> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const retries = opts.retries ?? CLIENT_DEFAULTS.retries;
  const base = opts.retryBaseMs ?? CLIENT_DEFAULTS.retryBaseMs;
  const maxWait = opts.maxRateLimitWaitS ?? CLIENT_DEFAULTS.maxRateLimitWaitS;
  const log = octokitLog(opts.token, opts.log);
  const onLimit = (kind: string) => (retryAfter: number, o: { method?: string; url?: string }, _k: unknown, retryCount: number): boolean => {
    const again = retryCount < retries && retryAfter <= maxWait;
    log.warn(`${kind} on ${o.method} ${o.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}`);
    return again;
  };
  const fast = opts.spaceWrites === false ? { write: IMMEDIATE, notifications: IMMEDIATE, search: IMMEDIATE } : {};
  const GitHub = Octokit.plugin(retry, throttling);
  return new GitHub({
    auth: opts.token ?? undefined,
    baseUrl: opts.baseUrl ? checkApiUrl(opts.baseUrl) : DEFAULT_API,
    userAgent: opts.userAgent ?? 'lorescope',
    log,
    retry: { retries, retryAfterBaseValue: base, doNotRetry: DO_NOT_RETRY },
    throttle: {
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      // Only a duck-typed stand-in for bottleneck's Group, which is not a dependency of ours.
      ...(fast as object),
    },
  }) as unknown as GithubClient;
}

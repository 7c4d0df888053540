// GitHub API failures as one line a CI log can show: what was asked, what GitHub said, no token.
import { scrub } from './token.js';

export class GithubError extends Error {}

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string; request?: { retryCount?: number } };
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function oneLine(s: string, max = 300): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `POST /repos/o/r/check-runs`, with the API base and query left out. */
function route(e: RequestErrorLike): string {
  const method = e.request?.method ?? '';
  const raw = e.request?.url ?? '';
  let path = raw;
  try {
    path = new URL(raw).pathname;
  } catch {
    path = raw.replace(/\?.*$/, '');
  }
  // GitHub Enterprise serves the API under /api/v3: keep only the REST route.
  path = path.replace(/^.*?(?=\/(?:repos|user|orgs|app)\/)/, '');
  return `${method} ${path}`.trim();
}

function resetTime(headers: Record<string, string | undefined> | undefined): string | null {
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return null;
  return new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

const HINT: Record<number, string> = {
  401: 'the token was rejected: set GITHUB_TOKEN or GH_TOKEN to a valid token',
  404: 'not found, or the token cannot see it',
  422: 'GitHub rejected the request',
};

/** GitHub's own `message` (and the first validation error), without octokit's appended doc URL. */
function apiMessage(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { message?: unknown; errors?: unknown };
  if (typeof d.message !== 'string' || !d.message) return null;
  const first = Array.isArray(d.errors) ? (d.errors[0] as { message?: unknown; code?: unknown; field?: unknown } | undefined) : undefined;
  const detail = typeof first === 'string' ? first : first ? [first.field, first.message ?? first.code].filter((x) => typeof x === 'string').join(' ') : '';
  return detail ? `${d.message} (${detail})` : d.message;
}

/** One line, token scrubbed, for any failure of a GitHub request. */
export function describeGithubError(e: unknown, token: string | null, what = 'GitHub API request'): string {
  if (e instanceof GithubError) return scrub(e.message, token);
  const err = (e ?? {}) as RequestErrorLike;
  const status = typeof err.status === 'number' ? err.status : 0;
  const said = oneLine(apiMessage(err.response?.data) ?? String(err.message ?? e));
  const headers = err.response?.headers;
  const where = route(err);
  const retries = err.request?.request?.retryCount ?? 0;
  const attempts = retries > 0 ? ` (${retries + 1} attempts)` : '';
  let line: string;
  if ((status === 403 || status === 429) && (headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(said))) {
    const reset = resetTime(headers);
    line = `${what} failed: GitHub API rate limit exceeded${reset ? ` (resets at ${reset})` : ''}: ${where}${attempts}`;
  } else if (status >= 500 && !err.response) {
    // octokit reports a network failure as status 500 without a response.
    line = `${what} failed: cannot reach the GitHub API: ${said}: ${where}${attempts}`;
  } else if (status) {
    const hint = HINT[status] ?? (status === 403 ? 'forbidden: the token lacks a permission (checks: write, pull-requests: write)' : '');
    line = `${what} failed: HTTP ${status} ${said}${hint ? ` (${hint})` : ''}: ${where}${attempts}`;
  } else {
    line = `${what} failed: ${said}`;
  }
  return scrub(oneLine(line, 500), token);
}

// A pull request and each of its commits as `git format-patch` text, read from the REST API.
import type { GithubClient } from './client.js';
import { GithubError } from './errors.js';
import type { PullRef } from './spec.js';

export interface PrCommit {
  sha: string;
  /** First parent; the first commit's is the series' base. */
  parent: string | null;
  patch: Buffer;
}

export interface PullRequest {
  ref: PullRef;
  title: string;
  body: string;
  author: { login: string; id: number | null };
  createdAt: string | null;
  url: string;
  headSha: string;
  baseSha: string | null;
  /** Commits the pull request says it has; the commit list endpoint stops at 250. */
  commitCount: number;
  commits: PrCommit[];
}

export interface FetchLimits {
  /** Largest single patch accepted. */
  maxPatchBytes?: number;
  /** Largest sum of all patches. */
  maxTotalBytes?: number;
  /** Patch downloads in flight at once. */
  concurrency?: number;
}

export const FETCH_DEFAULTS = { maxPatchBytes: 64 * 1024 * 1024, maxTotalBytes: 512 * 1024 * 1024, concurrency: 4 } as const;

/** Read a response body stream, refusing more than `max` bytes. */
async function readBounded(body: unknown, max: number, what: string): Promise<Buffer> {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (!body || typeof (body as ReadableStream).getReader !== 'function') return Buffer.alloc(0);
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const parts: Buffer[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) {
      await reader.cancel().catch(() => {});
      throw new GithubError(`${what} is larger than ${Math.round(max / 1048576)} MiB`);
    }
    parts.push(Buffer.from(value));
  }
  return Buffer.concat(parts, n);
}

async function pool<T, R>(items: T[], width: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

export async function fetchPullRequest(gh: GithubClient, ref: PullRef, limits: FetchLimits = {}): Promise<PullRequest> {
  const lim = { ...FETCH_DEFAULTS, ...limits };
  const { owner, repo, number } = ref;
  const { data: pr } = await gh.rest.pulls.get({ owner, repo, pull_number: number });
  const list = await gh.paginate(gh.rest.pulls.listCommits, { owner, repo, pull_number: number, per_page: 100 });
  let total = 0;
  const commits = await pool(list, lim.concurrency, async (c): Promise<PrCommit> => {
    if (!/^[0-9a-f]{40,64}$/.test(c.sha)) throw new GithubError(`pull request ${owner}/${repo}#${number}: commit "${c.sha.slice(0, 80)}" is not a SHA`);
    const res = await gh.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      owner, repo, ref: c.sha,
      headers: { accept: 'application/vnd.github.patch' },
      request: { parseSuccessResponseBody: false },
    });
    const patch = await readBounded(res.data, lim.maxPatchBytes, `commit ${c.sha.slice(0, 12)}`);
    total += patch.length;
    if (total > lim.maxTotalBytes) throw new GithubError(`pull request ${owner}/${repo}#${number} is larger than ${Math.round(lim.maxTotalBytes / 1048576)} MiB of patches`);
    return { sha: c.sha, parent: c.parents?.[0]?.sha ?? null, patch };
  });
  return {
    ref,
    title: pr.title ?? '',
    body: pr.body ?? '',
    author: { login: pr.user?.login ?? 'unknown', id: pr.user?.id ?? null },
    createdAt: pr.created_at ?? null,
    url: pr.html_url ?? '',
    headSha: pr.head?.sha ?? '',
    baseSha: pr.base?.sha ?? null,
    commitCount: typeof pr.commits === 'number' ? pr.commits : list.length,
    commits,
  };
}

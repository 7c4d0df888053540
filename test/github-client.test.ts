// The octokit client against a local fake GitHub: retries on 5xx and rate limits, a clear final
// error, octokit's logging kept off the terminal, and the token never in any error line.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badGateway, FakeGithub, rateLimited } from './helpers/fake-github.js';
import { createGithubClient, type ClientOptions } from '../src/views/github/client.js';
import { describeGithubError } from '../src/views/github/errors.js';

const TOKEN = 'ghp_fakeTokenForTests0123456789abcdefXYZ';
let gh: FakeGithub;

beforeEach(async () => {
  gh = await FakeGithub.start();
  gh.token = TOKEN;
  gh.addComment('o', 'r', 1, 'hello');
});
afterEach(() => gh.close());

const client = (o: Partial<ClientOptions> = {}) => createGithubClient({ token: TOKEN, baseUrl: gh.url, retries: 2, retryBaseMs: 5, spaceWrites: false, ...o });
const listComments = async (o: Partial<ClientOptions> = {}) => (await client(o)).rest.issues.listComments({ owner: 'o', repo: 'r', issue_number: 1 });

describe('github client', () => {
  it('retries a 502 and then succeeds', async () => {
    gh.inject('GET', /comments$/, badGateway(), badGateway());
    const r = await listComments();
    expect(r.data.map((c) => c.body)).toEqual(['hello']);
    expect(gh.made('GET').length).toBe(3);
  });

  it('waits out a 403 rate limit (x-ratelimit-remaining: 0) and then succeeds', async () => {
    gh.inject('GET', /comments$/, rateLimited(1));
    const t0 = Date.now();
    const r = await listComments();
    expect(r.data.length).toBe(1);
    expect(gh.made('GET').length).toBe(2);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('waits out a 429 rate limit', async () => {
    gh.inject('GET', /comments$/, rateLimited(1, 429));
    const r = await listComments();
    expect(r.data.length).toBe(1);
    expect(gh.made('GET').length).toBe(2);
  });

  it('a persistent 502 ends in one line naming the request and the attempts', async () => {
    gh.inject('GET', /comments$/, badGateway(), badGateway(), badGateway(), badGateway());
    const e = await listComments().catch((x) => x);
    expect(gh.made('GET').length).toBe(3);
    const line = describeGithubError(e, TOKEN, 'listing comments');
    expect(line).toBe('listing comments failed: HTTP 502 Server Error: GET /repos/o/r/issues/1/comments (3 attempts)');
  });

  it('a rate limit that resets too late fails at once, with the reset time', async () => {
    gh.inject('GET', /comments$/, rateLimited(3600));
    const e = await listComments({ maxRateLimitWaitS: 60 }).catch((x) => x);
    expect(gh.made('GET').length).toBe(1);
    expect(describeGithubError(e, TOKEN)).toMatch(/^GitHub API request failed: GitHub API rate limit exceeded \(resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\): GET \/repos\/o\/r\/issues\/1\/comments$/);
  });

  it('a 401 is not retried, and a server echoing the token does not put it in the error', async () => {
    gh.inject('GET', /comments$/, { status: 401, body: { message: `Bad credentials: token ${TOKEN} (${Buffer.from(`x:${TOKEN}`).toString('base64')})` } });
    const e = await listComments().catch((x) => x);
    expect(gh.made('GET').length).toBe(1);
    const line = describeGithubError(e, TOKEN);
    expect(line).not.toContain(TOKEN);
    expect(line).toMatch(/HTTP 401 Bad credentials: token \*\*\* .*set GITHUB_TOKEN or GH_TOKEN/);
  });

  it('sends the token, and octokit writes nothing to the console or stderr on errors', async () => {
    const spies = ['log', 'info', 'warn', 'error', 'debug'].map((k) => vi.spyOn(console, k as 'log').mockImplementation(() => {}));
    const err = vi.spyOn(process.stderr, 'write');
    const lines: string[] = [];
    gh.inject('GET', /comments$/, badGateway(), { status: 404, body: { message: 'Not Found' } });
    await listComments({ log: (level, line) => lines.push(`${level}: ${line}`) }).catch(() => {});
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
    expect(lines.join('\n')).toMatch(/GET \/repos\/o\/r\/issues\/1\/comments - 404/);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(gh.requests[0].headers.authorization).toBe(`token ${TOKEN}`);
    vi.restoreAllMocks();
  });

  it('a server that cannot be reached is retried and then reported in words', async () => {
    const url = gh.url;
    await gh.close();
    const e = await (await createGithubClient({ token: TOKEN, baseUrl: url, retries: 1, retryBaseMs: 5 })).rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 3 }).catch((x) => x);
    expect(describeGithubError(e, TOKEN)).toMatch(/^GitHub API request failed: cannot reach the GitHub API: .*ECONNREFUSED.*: GET \/repos\/o\/r\/pulls\/3 \(2 attempts\)$/);
    gh = await FakeGithub.start();
  });
});

// End to end: the built `lorescope check` publishing to a fake GitHub on 127.0.0.1, and reading a
// pull request as its input. Needs `npm run build` first (as every CLI test).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badGateway, FakeGithub, rateLimited } from './helpers/fake-github.js';
import { cleanEnv, runCli } from './helpers/fake-github-cli.js';
import { pullFromMbox } from './helpers/fake-github-pr.js';
import { corpus } from './helpers/corpus.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TOKEN = 'ghp_e2eSecretToken_5f1c2d3e4a5b6c7d8e9f';
const SHA = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';
const FOLIO = corpus('kernel/series/folio-5.17.mbox');
const DAMON = corpus('kernel/series/damon-5.15.mbox');
let gh: FakeGithub;

beforeEach(async () => {
  gh = await FakeGithub.start();
  gh.token = TOKEN;
});
afterEach(() => gh.close());

const publish = (extra: string[] = [], source = FOLIO) => ['check', source, '--github', 'o/r', '--sha', SHA, '--github-api', gh.url, ...extra];
const noToken = (r: { stdout: string; stderr: string }) => {
  expect(r.stdout).not.toContain(TOKEN);
  expect(r.stderr).not.toContain(TOKEN);
};

describe('lorescope check --github (built CLI)', () => {
  it('publishes the check run and the digest comment; the second run updates both', async () => {
    const env = cleanEnv({ GITHUB_TOKEN: TOKEN });
    const r1 = await runCli(publish(['--pr', '7', '--format', 'json']), env);
    noToken(r1);
    expect(r1.code).toBe(1);
    const report = JSON.parse(r1.stdout);
    expect(report.findings).toHaveLength(262);
    expect(r1.stderr).toMatch(/^lorescope: check run "lorescope" created on o\/r@0f1e2d3c4b5a: failure, 95 annotation\(s\); comment posted on o\/r#7$/m);
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET /repos/o/r/commits/${SHA}/check-runs`,
      'POST /repos/o/r/check-runs',
      `PATCH /repos/o/r/check-runs/${gh.checkRuns[0].id}`,
      'GET /repos/o/r/issues/7/comments',
      'POST /repos/o/r/issues/7/comments',
    ]);
    expect(gh.requests.every((q) => q.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.checkRuns[0].annotations).toHaveLength(95);
    const [comment] = gh.commentList('o', 'r', 7);
    expect(comment.body).toMatch(/^<!-- lorescope-digest -->\n### lorescope check: failure \(262 findings: 6 high, 89 warn, 167 info\)\n\n# /);

    gh.requests.length = 0;
    const r2 = await runCli(publish(['--pr', '7', '--fail-on', 'none']), env);
    noToken(r2);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/check run "lorescope" updated on o\/r@0f1e2d3c4b5a: neutral, 95 annotation\(s\); comment updated on o\/r#7/);
    expect(gh.made('POST')).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0].conclusion).toBe('neutral');
    const comments = gh.commentList('o', 'r', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0].id).toBe(comment.id);
    expect(comments[0].body).toMatch(/^<!-- lorescope-digest -->\n### lorescope check: neutral /);
  });

  it('retries a 502 and a rate limit, then succeeds', async () => {
    gh.inject('POST', /check-runs$/, badGateway());
    gh.inject('GET', /check-runs$/, rateLimited(1));
    const r = await runCli(publish(['--fail-on', 'none'], DAMON), cleanEnv({ GITHUB_TOKEN: TOKEN }));
    noToken(r);
    expect(r.code).toBe(0);
    expect(gh.made('GET')).toHaveLength(2);
    expect(gh.made('POST')).toHaveLength(2);
    expect(gh.checkRuns).toHaveLength(1);
  });

  it('a persistent 502 ends in one clear line and exit code 2, after the report was written', async () => {
    gh.inject('POST', /check-runs$/, badGateway(), badGateway(), badGateway());
    const r = await runCli(publish(['--format', 'github'], DAMON), cleanEnv({ GITHUB_TOKEN: TOKEN, LORESCOPE_GITHUB_RETRIES: '1' }));
    noToken(r);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error /m);
    expect(r.stderr).toBe('lorescope: publishing to o/r failed: HTTP 502 Server Error: POST /repos/o/r/check-runs (2 attempts)\n');
    expect(gh.made('POST')).toHaveLength(2);
  });

  it('a rejected token is reported without the token, even when the server echoes it', async () => {
    gh.inject('GET', /check-runs$/, { status: 401, body: { message: `Bad credentials: ${TOKEN}` } });
    const r = await runCli(publish([], DAMON), cleanEnv({ GH_TOKEN: TOKEN }));
    noToken(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('lorescope: publishing to o/r failed: HTTP 401 Bad credentials: *** (the token was rejected: set GITHUB_TOKEN or GH_TOKEN to a valid token): '
      + `GET /repos/o/r/commits/${SHA}/check-runs\n`);
  });

  it('refuses bad flags and a missing token before reading anything or calling GitHub', async () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [publish([], DAMON), cleanEnv(), /--github needs a token: set GITHUB_TOKEN or GH_TOKEN/],
      [['check', DAMON, '--github', 'o/r', '--github-api', gh.url], cleanEnv({ GITHUB_TOKEN: TOKEN }), /--github needs --sha SHA/],
      [['check', DAMON, '--sha', SHA], cleanEnv({ GITHUB_TOKEN: TOKEN }), /--sha needs --github OWNER\/REPO/],
      [['check', DAMON, '--github', 'not-a-repo', '--sha', SHA], cleanEnv({ GITHUB_TOKEN: TOKEN }), /--github not-a-repo: expected OWNER\/REPO/],
      [publish(['--pr', 'abc'], DAMON), cleanEnv({ GITHUB_TOKEN: TOKEN }), /--pr abc: expected a pull request number/],
      [['check', '--github-pr', 'o/r#1', DAMON], cleanEnv(), /--github-pr reads the series from the pull request/],
      [['check', '--github-pr', 'o/r#1', '--github-api', 'ftp://ghe.example.com'], cleanEnv(), /--github-api ftp:\/\/ghe.example.com: must be an http\(s\) URL/],
    ];
    for (const [args, env, msg] of cases) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(gh.requests).toEqual([]);
  });

  it('--github-pr: checks a pull request read from GitHub and publishes on its head commit', async () => {
    const pull = pullFromMbox(DAMON, { title: 'mm/damon: data access monitoring' });
    gh.addPull('o', 'r', 5, pull);
    const head = pull.head.sha;
    const r = await runCli(['check', '--github-pr', 'o/r#5', '--github', 'o/r', '--sha', head, '--pr', '5', '--github-api', gh.url, '--format', 'json'], cleanEnv({ GITHUB_TOKEN: TOKEN }));
    noToken(r);
    const report = JSON.parse(r.stdout);
    expect(report.series).toHaveLength(1);
    expect(report.series[0]).toMatchObject({ title: 'mm/damon: data access monitoring', total: 35 });
    // damon-5.15.mbox has one patch without a Signed-off-by: the same high finding as from the mbox.
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['process.signoff-missing']);
    expect(r.code).toBe(1);
    expect(gh.checkRuns[0]).toMatchObject({ head_sha: head, conclusion: 'failure' });
    expect(gh.commentList('o', 'r', 5)[0].body).toContain('mm/damon: data access monitoring');
  });

  it('octokit is loaded only when a GitHub flag is used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lorescope-hook-'));
    const hook = join(dir, 'hook.mjs');
    writeFileSync(hook, "export async function resolve(s, c, next) { if (s.includes('@octokit/')) process.stderr.write(`LOADED ${s}\\n`); return next(s, c); }\n");
    const env = cleanEnv({ GITHUB_TOKEN: TOKEN, NODE_OPTIONS: `--no-warnings --experimental-loader=${pathToFileURL(hook).href}` });
    const plain = await runCli(['check', DAMON, '--fail-on', 'none', '--github-api', gh.url], env);
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(/LOADED/);
    expect(gh.requests).toEqual([]);
    const withGithub = await runCli(publish(['--fail-on', 'none'], DAMON), env);
    expect(withGithub.code).toBe(0);
    expect(withGithub.stderr).toMatch(/LOADED @octokit\/rest/);
    rmSync(dir, { recursive: true, force: true });
  });
});

// Publishing a check: the check run (created, then updated), annotations 50 per request, the
// conclusion from --fail-on, and the pull request comment found again by its marker.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { badGateway, FakeGithub, rateLimited } from './helpers/fake-github.js';
import { corpus } from './helpers/corpus.js';
import { createGithubClient, type GithubClient } from '../src/views/github/client.js';
import { publishCheckRun } from '../src/views/github/check-run.js';
import { commentBody, MARKER, quietMentions, upsertPrComment } from '../src/views/github/comment.js';
import { conclusionOf } from '../src/views/github/annotations.js';
import { loadFromArgs } from '../src/cli/load.js';
import { analysersFor } from '../src/cli/review.js';
import { buildReview } from '../src/review/build.js';
import type { ReviewModel } from '../src/model/review.js';

const TOKEN = 'ghs_publishTestToken0000000000000000';
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
let gh: FakeGithub;
let client: GithubClient;
let folio: ReviewModel;
let damon: ReviewModel;

async function review(path: string): Promise<ReviewModel> {
  const loaded = await loadFromArgs([path], {});
  return buildReview(loaded, await analysersFor({}));
}

beforeAll(async () => {
  folio = await review(corpus('kernel/series/folio-5.17.mbox'));
  damon = await review(corpus('kernel/series/damon-5.15.mbox'));
});
beforeEach(async () => {
  gh = await FakeGithub.start();
  gh.token = TOKEN;
  client = await createGithubClient({ token: TOKEN, baseUrl: gh.url, retries: 2, retryBaseMs: 2, spaceWrites: false });
});
afterEach(() => gh.close());

const calls = () => gh.requests.map((r) => `${r.method} ${r.path}${r.query.get('check_name') ? `?check_name=${r.query.get('check_name')}` : ''}`);

describe('check run', () => {
  it('creates the run with the first 50 annotations and appends the rest 50 at a time', async () => {
    const onFiles = folio.series.flatMap((s) => s.findings).filter((f) => f.file);
    expect(onFiles.length).toBeGreaterThan(50);
    const res = await publishCheckRun(client, folio, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high' });
    expect(calls()).toEqual([
      `GET /repos/o/r/commits/${SHA}/check-runs?check_name=lorescope`,
      'POST /repos/o/r/check-runs',
      `PATCH /repos/o/r/check-runs/${res.checkRunId}`,
    ]);
    const [, post, patch] = gh.requests;
    expect(post.body).toMatchObject({ name: 'lorescope', head_sha: SHA, status: 'completed', conclusion: 'failure', external_id: 'lorescope' });
    expect(post.body.output.annotations).toHaveLength(50);
    expect(patch.body.output.annotations).toHaveLength(onFiles.length - 50);
    expect(patch.body.output.title).toBe(post.body.output.title);
    // Every finding on a file is there once, on its file and line, at its level.
    const run = gh.checkRuns[0];
    const level = { high: 'failure', warn: 'warning', info: 'notice' } as const;
    const want = onFiles.map((f) => `${f.file}:${f.line}:${level[f.severity]}:${f.ruleId}`).sort();
    expect(run.annotations.map((a) => `${a.path}:${a.start_line}:${a.annotation_level}:${a.title}`).sort()).toEqual(want);
    for (const a of run.annotations) expect(a.end_line).toBe(a.start_line);
    // 6 high findings fail the run; the 167 series-level findings (no file) are listed in the summary.
    expect(run.output.title).toBe('262 findings: 6 high, 89 warn, 167 info');
    expect(run.output.summary).toContain('95 of 95 findings on files are shown as annotations');
    expect(run.output.summary!.match(/process\.base-commit-missing/g)).toHaveLength(167);
    expect(res).toMatchObject({ created: true, conclusion: 'failure', annotations: 95 });
  });

  it('a second run on the same commit updates the run instead of adding one', async () => {
    await publishCheckRun(client, folio, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high' });
    gh.requests.length = 0;
    const res = await publishCheckRun(client, damon, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high' });
    expect(gh.checkRuns).toHaveLength(1);
    expect(res.created).toBe(false);
    expect(calls()).toEqual([`GET /repos/o/r/commits/${SHA}/check-runs?check_name=lorescope`, `PATCH /repos/o/r/check-runs/${gh.checkRuns[0].id}`]);
    // damon: one high series-level finding (a missing sign-off), nothing to annotate.
    expect(gh.requests[1].body).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '11 findings: 1 high, 0 warn, 10 info', annotations: [] } });
  });

  it('leaves alone a run of the same name it did not make (a workflow job called lorescope)', async () => {
    gh.checkRuns.push({ id: 7, name: 'lorescope', head_sha: SHA, external_id: 'f3b1-job-guid', status: 'in_progress', conclusion: null, output: { title: null, summary: null }, annotations: [] });
    const res = await publishCheckRun(client, damon, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high' });
    expect(res.created).toBe(true);
    expect(gh.checkRuns.find((r) => r.id === 7)!.status).toBe('in_progress');
    expect(gh.made('PATCH')).toHaveLength(0);
  });

  it('conclusion follows --fail-on: failure, success below the threshold, neutral with none', async () => {
    expect(conclusionOf(folio, 'high')).toBe('failure');
    expect(conclusionOf(damon, 'warn')).toBe('failure');
    const memTiers = await review(corpus('kernel/series/memory-tiers-6.0.patch'));
    expect(conclusionOf(memTiers, 'high')).toBe('success');
    expect(conclusionOf(memTiers, 'warn')).toBe('failure');
    expect(conclusionOf(memTiers, 'none')).toBe('neutral');
    await publishCheckRun(client, memTiers, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high' });
    expect(gh.checkRuns[0]).toMatchObject({ conclusion: 'success', status: 'completed' });
    expect(gh.checkRuns[0].annotations.every((a) => a.annotation_level === 'warning')).toBe(true);
  });

  it('a 502 on the create and a rate limit on the batch are retried, and the run is complete', async () => {
    gh.inject('POST', /check-runs$/, badGateway());
    gh.inject('PATCH', /check-runs\/\d+$/, rateLimited(1));
    const res = await publishCheckRun(client, folio, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high' });
    expect(gh.made('POST')).toHaveLength(2);
    expect(gh.made('PATCH')).toHaveLength(2);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0].annotations).toHaveLength(res.annotations);
  });
});

describe('pull request comment', () => {
  it('is posted once, then found by its marker across pages and edited, never duplicated', async () => {
    gh.maxPerPage = 2;
    for (const b of ['LGTM', `quoting ${MARKER} in the middle does not count`, 'ping']) gh.addComment('o', 'r', 9, b);
    const first = await upsertPrComment(client, { owner: 'o', repo: 'r', pr: 9, body: '# digest v1' });
    expect(first.updated).toBe(false);
    expect(calls()).toEqual(['GET /repos/o/r/issues/9/comments', 'GET /repos/o/r/issues/9/comments', 'POST /repos/o/r/issues/9/comments']);
    expect(gh.requests[1].query.get('page')).toBe('2');
    expect(gh.requests[2].body).toEqual({ body: `${MARKER}\n# digest v1` });
    gh.addComment('o', 'r', 9, 'a later review comment');
    gh.requests.length = 0;
    const second = await upsertPrComment(client, { owner: 'o', repo: 'r', pr: 9, body: '# digest v2' });
    expect(second).toMatchObject({ updated: true, id: first.id });
    expect(calls()).toEqual(['GET /repos/o/r/issues/9/comments', 'GET /repos/o/r/issues/9/comments', `PATCH /repos/o/r/issues/comments/${first.id}`]);
    const list = gh.commentList('o', 'r', 9);
    expect(list).toHaveLength(5);
    expect(list.filter((c) => c.body.startsWith(MARKER)).map((c) => c.body)).toEqual([`${MARKER}\n# digest v2`]);
  });

  it('publishCheckRun with a pull request also upserts the comment', async () => {
    await publishCheckRun(client, damon, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high', pr: 3, comment: 'the digest' });
    await publishCheckRun(client, damon, { owner: 'o', repo: 'r', sha: SHA, failOn: 'high', pr: 3, comment: 'the digest, again' });
    expect(gh.commentList('o', 'r', 3).map((c) => c.body)).toEqual([`${MARKER}\nthe digest, again`]);
    expect(gh.made('POST', /comments$/)).toHaveLength(1);
    expect(gh.made('PATCH', /comments\/\d+$/)).toHaveLength(1);
  });

  it('mail text cannot notify GitHub users, and an oversized digest is cut below the limit', () => {
    expect(quietMentions('cc @torvalds, (@linux-mm/reviewers); mail ann@example.org `@code`')).toBe('cc @\u200btorvalds, (@\u200blinux-mm/reviewers); mail ann@example.org `@code`');
    const body = commentBody('x'.repeat(70_000));
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toMatch(/cut at GitHub's comment size limit/);
  });
});

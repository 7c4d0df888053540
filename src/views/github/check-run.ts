// `check --github OWNER/REPO --sha SHA`: one check run named `lorescope` per commit, created or
// updated, with the findings as annotations sent 50 per request.
import type { ReviewModel } from '../../model/review.js';
import type { FailOn } from '../check/select.js';
import { annotationsOf, batches, conclusionOf, MAX_ANNOTATIONS, summaryOf, titleOf, type Conclusion } from './annotations.js';
import type { GithubClient } from './client.js';
import { upsertPrComment, type CommentResult } from './comment.js';

export const CHECK_NAME = 'lorescope';
/**
 * Marks runs lorescope made. A workflow job named `lorescope` has a check run of the same name; without
 * this mark, lorescope would find it and complete it while the job is still running.
 */
export const EXTERNAL_ID = 'lorescope';

export interface PublishTarget {
  owner: string;
  repo: string;
  sha: string;
  failOn: FailOn;
  /** Also upsert the summary comment on this pull request. */
  pr?: number;
  /** Body of that comment (Markdown); the marker is added in front. */
  comment?: string;
  /** Link shown on the check run (e.g. the workflow run). */
  detailsUrl?: string;
}

export interface PublishResult {
  checkRunId: number;
  created: boolean;
  conclusion: Conclusion;
  annotations: number;
  comment?: CommentResult;
}

async function existingRun(gh: GithubClient, t: PublishTarget): Promise<number | null> {
  const res = await gh.rest.checks.listForRef({ owner: t.owner, repo: t.repo, ref: t.sha, check_name: CHECK_NAME, filter: 'latest', per_page: 100 });
  const run = res.data.check_runs.find((r) => r.name === CHECK_NAME && r.external_id === EXTERNAL_ID);
  return run ? run.id : null;
}

/**
 * Create (or update) the run with the conclusion and the first 50 annotations, then append the rest
 * 50 at a time. GitHub appends annotations on every update, so an updated run keeps those of earlier
 * runs on the same commit; the summary always reflects this run.
 */
export async function publishCheckRun(gh: GithubClient, review: ReviewModel, t: PublishTarget): Promise<PublishResult> {
  const all = annotationsOf(review);
  const annotations = all.slice(0, MAX_ANNOTATIONS);
  const [first = [], ...rest] = batches(annotations);
  const conclusion = conclusionOf(review, t.failOn);
  const output = { title: titleOf(review), summary: summaryOf(review, t.failOn, annotations.length) };
  const common = {
    owner: t.owner, repo: t.repo, status: 'completed' as const, conclusion, completed_at: new Date().toISOString(),
    external_id: EXTERNAL_ID, ...(t.detailsUrl ? { details_url: t.detailsUrl } : {}),
  };
  const existing = await existingRun(gh, t);
  let id: number;
  if (existing !== null) {
    await gh.rest.checks.update({ ...common, check_run_id: existing, output: { ...output, annotations: first } });
    id = existing;
  } else {
    const res = await gh.rest.checks.create({ ...common, name: CHECK_NAME, head_sha: t.sha, output: { ...output, annotations: first } });
    id = res.data.id;
  }
  for (const batch of rest) {
    await gh.rest.checks.update({ owner: t.owner, repo: t.repo, check_run_id: id, output: { ...output, annotations: batch } });
  }
  const result: PublishResult = { checkRunId: id, created: existing === null, conclusion, annotations: annotations.length };
  if (t.pr !== undefined) result.comment = await upsertPrComment(gh, { owner: t.owner, repo: t.repo, pr: t.pr, body: t.comment ?? `${output.title}\n\n${output.summary}` });
  return result;
}

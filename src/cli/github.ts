// `check --github OWNER/REPO --sha SHA [--pr N] [--github-api URL]`: publish the check as a GitHub
// check run (and a pull request comment); `--github-pr OWNER/REPO#N` reads a pull request as a series.
// The options are declared in github-options.ts; this module and octokit load only when one is used.
import type { Mail } from '../model/mail.js';
import type { ReviewModel } from '../model/review.js';
import type { FailOn } from '../views/check/select.js';
import { checkApiUrl, createGithubClient, CLIENT_DEFAULTS, type GithubClient } from '../views/github/client.js';
import { describeGithubError, GithubError } from '../views/github/errors.js';
import { debugSink } from '../views/github/log.js';
import { parsePrNumber, parseRepo, SpecError } from '../views/github/spec.js';
import { githubToken } from '../views/github/token.js';
import { UsageError } from './errors.js';
import { warn } from './output.js';

export interface GithubFlags {
  github?: string;
  sha?: string;
  pr?: string;
  githubApi?: string;
  githubPr?: string;
}

/** Checks `--github`, `--sha`, `--pr`, `--github-pr`, `--github-api` before any work (github-options.ts). */
export function checkGithubFlags(o: GithubFlags & { git?: string }, args: readonly string[]): void {
  try {
    if (o.githubApi) checkApiUrl(o.githubApi);
    if (o.github) githubTarget(o);
    else if (o.sha || o.pr) throw new UsageError(`${o.sha ? '--sha' : '--pr'} needs --github OWNER/REPO`);
    if (o.githubPr && (args.length || o.git)) throw new UsageError('--github-pr reads the series from the pull request: give no SOURCE and no --git');
    if (o.github && !githubToken()) throw new UsageError('--github needs a token: set GITHUB_TOKEN or GH_TOKEN');
  } catch (e) {
    if (e instanceof SpecError || e instanceof GithubError) throw new UsageError(e.message);
    throw e;
  }
}

export function githubTarget(o: GithubFlags): { owner: string; repo: string; sha: string; pr?: number } {
  const { owner, repo } = parseRepo(o.github ?? '');
  if (!o.sha) throw new UsageError('--github needs --sha SHA (the commit to attach the check run to)');
  if (!/^[0-9a-fA-F]{4,64}$/.test(o.sha)) throw new UsageError(`--sha ${o.sha}: expected a commit SHA in hex`);
  return { owner, repo, sha: o.sha.toLowerCase(), ...(o.pr !== undefined ? { pr: parsePrNumber(o.pr) } : {}) };
}

/** `LORESCOPE_GITHUB_RETRIES`: attempts after the first for 5xx and rate limits (0-10, default 3). */
function retries(env: NodeJS.ProcessEnv): number {
  const v = env.LORESCOPE_GITHUB_RETRIES;
  return v && /^\d{1,2}$/.test(v) && Number(v) <= 10 ? Number(v) : CLIENT_DEFAULTS.retries;
}

export async function githubClient(flags: GithubFlags, token: string | null, env: NodeJS.ProcessEnv = process.env): Promise<GithubClient> {
  try {
    return await createGithubClient({ token, baseUrl: flags.githubApi ?? env.GITHUB_API_URL, retries: retries(env), log: debugSink(env) });
  } catch (e) {
    if (e instanceof GithubError) throw new UsageError(e.message);
    throw e;
  }
}

/** The workflow run that produced the check, when running in GitHub Actions. */
function actionsRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run && /^\d+$/.test(run) ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

async function digestMarkdown(review: ReviewModel, mails: Map<string, Mail>): Promise<string> {
  const { digestSeries, latestVersions } = await import('../review/digest.js');
  const { renderMarkdown } = await import('../views/digest/markdown.js');
  return renderMarkdown(latestVersions(review).map((s) => digestSeries(review, s, mails)));
}

/** Publish after the report is written; any failure ends the command with one line and exit code 2. */
export async function runGithubPublish(review: ReviewModel, opts: GithubFlags, failOn: FailOn, mails: Map<string, Mail>): Promise<void> {
  const token = githubToken();
  if (!token) throw new UsageError('--github needs a token: set GITHUB_TOKEN or GH_TOKEN');
  const target = githubTarget(opts);
  const gh = await githubClient(opts, token);
  const { publishCheckRun } = await import('../views/github/check-run.js');
  const { titleOf, conclusionOf } = await import('../views/github/annotations.js');
  try {
    const comment = target.pr !== undefined
      ? `### lorescope check: ${conclusionOf(review, failOn)} (${titleOf(review)})\n\n${await digestMarkdown(review, mails)}`
      : undefined;
    const res = await publishCheckRun(gh, review, { ...target, failOn, comment, detailsUrl: actionsRunUrl(process.env) });
    const where = `${target.owner}/${target.repo}`;
    const c = res.comment ? `; comment ${res.comment.updated ? 'updated' : 'posted'} on ${where}#${target.pr}` : '';
    warn(`lorescope: check run "lorescope" ${res.created ? 'created' : 'updated'} on ${where}@${target.sha.slice(0, 12)}: ${res.conclusion}, ${res.annotations} annotation(s)${c}`);
  } catch (e) {
    throw new UsageError(describeGithubError(e, token, `publishing to ${target.owner}/${target.repo}`));
  }
}

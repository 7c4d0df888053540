// `--github-pr OWNER/REPO#N`: a pull request's commits, fetched as format-patch text, turned into a
// series mail by mail (cover letter from the title and description) and fed to the usual pipeline.
import { analyse, collect, newCollector, type Loaded } from '../pipeline/load.js';
import { describeGithubError } from '../views/github/errors.js';
import { fetchPullRequest } from '../views/github/pr-fetch.js';
import { prToMessages } from '../views/github/pr-mail.js';
import { parsePullRef, SpecError } from '../views/github/spec.js';
import { githubToken } from '../views/github/token.js';
import { githubClient, type GithubFlags } from './github.js';
import { UsageError, type SourceFlags } from './load.js';

export async function loadFromGithubPr(spec: string, flags: SourceFlags & GithubFlags): Promise<Loaded> {
  let ref;
  try {
    ref = parsePullRef(spec);
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
  // A public pull request can be read without a token (at a lower rate limit).
  const token = githubToken();
  const gh = await githubClient(flags, token);
  let pr;
  try {
    pr = await fetchPullRequest(gh, ref);
  } catch (e) {
    throw new UsageError(describeGithubError(e, token, `reading pull request ${ref.owner}/${ref.repo}#${ref.number}`));
  }
  if (!pr.commits.length) throw new UsageError(`pull request ${ref.owner}/${ref.repo}#${ref.number} has no commits`);
  const { messages, warnings } = prToMessages(pr);
  const col = newCollector();
  for (const m of messages) collect(col, m);
  col.errors.push(...warnings);
  return analyse(col, { sloppyTrailers: flags.sloppyTrailers });
}

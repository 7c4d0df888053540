// The GitHub options (`--github-pr`, `--github-api`; for `check` also `--github`, `--sha`, `--pr`).
// Declaring them is cheap; checking them loads github.ts, and only when one of them is given.
import type { Command } from 'commander';
import type { GithubFlags } from './github.js';

/** `--github-pr` and `--github-api`: for every command that reads a series. */
export function addGithubPrOptions(cmd: Command): Command {
  return cmd
    .option('--github-pr <owner/repo#n>', 'read a GitHub pull request as the series (title and description as the cover letter); token from GITHUB_TOKEN or GH_TOKEN if set')
    .option('--github-api <url>', 'GitHub API root for GitHub Enterprise, e.g. https://ghe.example.com/api/v3 (default $GITHUB_API_URL, else https://api.github.com)');
}

/** `--github`, `--sha`, `--pr` (and `--github-pr`, `--github-api`) for `check`; flags are checked before any work. */
export function addGithubOptions(cmd: Command): Command {
  addGithubPrOptions(cmd)
    .option('--github <owner/repo>', 'publish the findings as a check run named "lorescope" on --sha (token from GITHUB_TOKEN or GH_TOKEN)')
    .option('--sha <sha>', 'commit the check run is attached to (with --github)')
    .option('--pr <n>', 'also post (or update) one summary comment with the digest on this pull request (with --github)');
  return cmd.hook('preAction', async (c) => {
    const o = c.opts() as GithubFlags & { git?: string };
    if (!o.githubApi && !o.github && !o.sha && !o.pr && !o.githubPr) return;
    (await import('./github.js')).checkGithubFlags(o, c.args);
  });
}

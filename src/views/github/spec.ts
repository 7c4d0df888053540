// `OWNER/REPO` and `OWNER/REPO#N` (or a pull request URL) as given on the command line.

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRef extends RepoRef {
  number: number;
}

/** GitHub's own limits: owners are 1-39 of [A-Za-z0-9-], repository names 1-100 of [A-Za-z0-9._-]. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export class SpecError extends Error {}

function repoRef(owner: string, repo: string, text: string, flag: string): RepoRef {
  if (!OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') {
    throw new SpecError(`${flag} ${text}: expected OWNER/REPO (e.g. torvalds/linux)`);
  }
  return { owner, repo: repo.replace(/\.git$/, '') };
}

export function parseRepo(text: string, flag = '--github'): RepoRef {
  const parts = text.trim().split('/');
  if (parts.length !== 2) throw new SpecError(`${flag} ${text}: expected OWNER/REPO (e.g. torvalds/linux)`);
  return repoRef(parts[0], parts[1], text, flag);
}

export function parsePrNumber(text: string, flag = '--pr'): number {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d{1,9}$/.test(t) || Number(t) === 0) throw new SpecError(`${flag} ${text}: expected a pull request number`);
  return Number(t);
}

/** `OWNER/REPO#N`, `OWNER/REPO/pull/N` or `https://HOST/OWNER/REPO/pull/N[/...]`. */
export function parsePullRef(text: string, flag = '--github-pr'): PullRef {
  const t = text.trim();
  const usage = `${flag} ${text}: expected OWNER/REPO#N or a pull request URL`;
  let path = t;
  if (/^https?:\/\//i.test(t)) {
    try {
      path = new URL(t).pathname.replace(/^\/+/, '');
    } catch {
      throw new SpecError(usage);
    }
  }
  const hash = /^([^/#\s]+)\/([^/#\s]+)#(\d{1,9})$/.exec(path);
  const url = /^([^/#\s]+)\/([^/#\s]+)\/pulls?\/(\d{1,9})(?:[/?#].*)?$/.exec(path);
  const m = hash ?? url;
  if (!m) throw new SpecError(usage);
  return { ...repoRef(m[1], m[2], text, flag), number: parsePrNumber(m[3], flag) };
}

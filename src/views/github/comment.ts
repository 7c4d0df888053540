// One lorescope comment per pull request, found again by a hidden marker and edited in place.
import type { GithubClient } from './client.js';

export const MARKER = '<!-- lorescope-digest -->';
/** GitHub's limit on a comment body. */
const MAX_BODY = 65536;
/** Comments scanned for the marker before giving up and writing a new one. */
const MAX_PAGES = 50;

export interface CommentTarget {
  owner: string;
  repo: string;
  pr: number;
  body: string;
}

export interface CommentResult {
  id: number;
  updated: boolean;
  url?: string;
}

/**
 * Mail text may say `@someone`; on GitHub that notifies whoever owns the handle. A zero-width space
 * after the `@` keeps the text readable and notifies no one (addresses like a@b.org are left alone).
 */
export function quietMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_.+\-@`])@(?=[A-Za-z0-9])/g, '$1@\u200b');
}

export function commentBody(markdown: string): string {
  const body = `${MARKER}\n${quietMentions(markdown)}`;
  if (body.length <= MAX_BODY) return body;
  const tail = '\n\n… (cut at GitHub\'s comment size limit; run `lorescope digest` for the whole digest)\n';
  return body.slice(0, MAX_BODY - tail.length) + tail;
}

async function findMarked(gh: GithubClient, t: CommentTarget): Promise<number | null> {
  let pages = 0;
  const iter = gh.paginate.iterator(gh.rest.issues.listComments, { owner: t.owner, repo: t.repo, issue_number: t.pr, per_page: 100 });
  for await (const page of iter) {
    const hit = page.data.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
    if (hit) return hit.id;
    if (++pages >= MAX_PAGES) break;
  }
  return null;
}

export async function upsertPrComment(gh: GithubClient, t: CommentTarget): Promise<CommentResult> {
  const body = commentBody(t.body);
  const id = await findMarked(gh, t);
  if (id !== null) {
    const res = await gh.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: id, body });
    return { id, updated: true, url: res.data.html_url };
  }
  const res = await gh.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: t.pr, body });
  return { id: res.data.id, updated: false, url: res.data.html_url };
}

// A pull request as a mailed series: the title and description become the cover letter
// `[PATCH 0/N]`, each commit's format-patch text becomes `[PATCH i/N]` in reply to it. From there
// every command reads it like any series from a list.
import libmime from 'libmime';
import type { IngestError, RawMessage } from '../../model/mail.js';
import { sanitizeLine } from '../../util/sanitize.js';
import type { PullRequest } from './pr-fetch.js';

export interface PrSeries {
  messages: RawMessage[];
  warnings: IngestError[];
}

/** Stable ids, so the same pull request read twice is the same series (the TUI keeps state by id). */
export function prMessageId(pr: PullRequest, index: number, sha?: string): string {
  const { owner, repo, number } = pr.ref;
  return `pr${number}.${index}${sha ? `.${sha.slice(0, 12)}` : ''}.${repo.replace(/[^A-Za-z0-9_-]/g, '-')}@${owner}.github.invalid`;
}

function encodeHeader(text: string): string {
  const line = sanitizeLine(text).trim();
  return /[^\x20-\x7e]/.test(line) ? libmime.encodeWords(line, 'Q', 52, 'utf-8') : line;
}

function mailDate(iso: string | null): string {
  const d = iso ? new Date(iso) : new Date(0);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toUTCString().replace(/GMT$/, '+0000');
}

function coverLetter(pr: PullRequest, total: number): Buffer {
  const { login, id } = pr.author;
  const safeLogin = /^[A-Za-z0-9-]{1,39}(\[bot\])?$/.test(login) ? login : 'unknown';
  const email = `${id ? `${id}+` : ''}${safeLogin.replace(/\[bot\]$/, '')}@users.noreply.github.com`;
  const body = pr.body.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const base = pr.commits[0]?.parent ?? pr.baseSha;
  const tail = [`Pull request: ${pr.url}`, ...(base ? [``, `base-commit: ${base}`] : [])];
  const headers = [
    `From: ${safeLogin} <${email}>`,
    `Date: ${mailDate(pr.createdAt)}`,
    `Subject: [PATCH 0/${total}] ${encodeHeader(pr.title || `pull request #${pr.ref.number}`)}`,
    `Message-ID: <${prMessageId(pr, 0)}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${headers.join('\n')}\n\n${body ? `${body}\n\n` : ''}${tail.join('\n')}\n`, 'utf8');
}

/** Where the header block ends: the first empty line (LF or CRLF), or -1. */
function headerEnd(b: Buffer): number {
  if (b.length && b[0] === 0x0a) return 0;
  const lf = b.indexOf('\n\n');
  const crlf = b.indexOf('\r\n\r\n');
  if (lf < 0) return crlf;
  return crlf < 0 ? lf : Math.min(lf, crlf);
}

const DROP = new Set(['subject', 'message-id', 'in-reply-to', 'references']);

/**
 * The commit's own header fields (From, Date, MIME) are kept byte for byte; the Subject gets the
 * `[PATCH i/N]` prefix, and threading headers point at the cover letter. The body is untouched.
 */
export function commitMail(patch: Buffer, pr: PullRequest, index: number, total: number, sha: string): Buffer {
  let b = patch;
  if (b.subarray(0, 5).toString('latin1') === 'From ') {
    const nl = b.indexOf(0x0a);
    b = nl < 0 ? Buffer.alloc(0) : b.subarray(nl + 1);
  }
  const end = headerEnd(b);
  const head = end < 0 ? '' : b.subarray(0, end).toString('latin1');
  const rest = end < 0 ? Buffer.concat([Buffer.from('\n'), b]) : b.subarray(end);
  // Unfolded fields: a line starting with blank space continues the one before.
  const fields: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1] += `\n${line}`;
    else if (line) fields.push(line);
  }
  let subject = '';
  const kept = fields.filter((f) => {
    const name = f.slice(0, Math.max(0, f.indexOf(':'))).trim().toLowerCase();
    if (name === 'subject') subject = f.slice(f.indexOf(':') + 1).replace(/\r?\n[ \t]/g, ' ').trim();
    return !DROP.has(name);
  });
  const title = subject.replace(/^\[[^\]\n]{0,100}\]\s*/, '') || `commit ${sha.slice(0, 12)}`;
  const n = String(index).padStart(String(total).length, '0');
  const cover = prMessageId(pr, 0);
  kept.push(
    `Subject: [PATCH ${n}/${total}] ${title}`,
    `Message-ID: <${prMessageId(pr, index, sha)}>`,
    `In-Reply-To: <${cover}>`,
    `References: <${cover}>`,
  );
  return Buffer.concat([Buffer.from(kept.join('\n'), 'latin1'), rest]);
}

export function prToMessages(pr: PullRequest): PrSeries {
  const source = `github:${pr.ref.owner}/${pr.ref.repo}#${pr.ref.number}`;
  const total = pr.commits.length;
  const warnings: IngestError[] = [];
  if (pr.commitCount > total) {
    warnings.push({ origin: { source, index: -1 }, severity: 'warning', message: `the pull request has ${pr.commitCount} commits; the GitHub API lists only the first ${total}` });
  }
  const messages: RawMessage[] = [{ bytes: coverLetter(pr, total), origin: { source, index: 0, locator: pr.url } }];
  pr.commits.forEach((c, i) => {
    messages.push({ bytes: commitMail(c.patch, pr, i + 1, total, c.sha), origin: { source, index: i + 1, locator: c.sha } });
  });
  return { messages, warnings };
}

// One patch mail → one am-ready mbox entry, byte for byte as b4 writes it (get_am_message followed by
// save_git_am_mbox): the body goes through mailinfo, trailers are merged, headers are re-emitted.
import type { Mail } from '../model/mail.js';
import { mailinfo } from './mailinfo.js';
import { pythonDate } from './pydate.js';
import { formatAddr, pythonAddress } from './address.js';
import { amSubject } from './subject.js';
import { wrapHeader } from './wrap.js';
import { fixTrailers, type FixOptions, type FixResult } from './fix-trailers.js';

export const MBOX_SEPARATOR = 'From git@z Thu Jan  1 00:00:00 1970\n';
const MAX_SUBJECT = 2000;

export interface AmMessage {
  text: string;
  /** Trailer merge details; null when trailers were not touched (--no-add-trailers). */
  fix: FixResult | null;
  /** A line hiding invisible format characters (bidi overrides, zero-width), which b4 refuses. */
  suspicious: { line: string; char: string } | null;
}

/** b4's check: format characters (Cf) on a line with no letters of a script that needs them (Lo). */
export function suspiciousLine(body: string): { line: string; char: string } | null {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(body)) return null;
  for (const line of body.split('\n')) {
    const cf = /\p{Cf}/u.exec(line);
    if (cf && !/\p{Lo}/u.test(line)) return { line: line.slice(0, 200), char: `U+${cf[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
  }
  return null;
}

/** The text b4 takes as a mail's body: the part carrying the diff, else the main text part. */
function bodyText(mail: Mail): string {
  // Python's generator writes every line ending as "\n", and mangles "From " lines for the mbox.
  return (mail.patch ?? mail.body).replace(/\r\n|\r/g, '\n').replace(/^From /gm, '>From ');
}

/**
 * One am-ready entry; `fixOpts` null leaves the trailers alone (--no-add-trailers). `revision` labels
 * a patch carried into a partial reroll with the reroll's version.
 */
export function amMessage(mail: Mail, fixOpts: FixOptions | null, revision?: number): AmMessage {
  const date = mail.dateRaw ? pythonDate(mail.dateRaw.replace(/\s+/g, ' ').trim()) : '';
  const info = mailinfo({ from: pythonAddress(mail.from), subject: mail.subject, date }, bodyText(mail));
  let body = info.message + info.patch;
  let fix: FixResult | null = null;
  if (fixOpts) {
    fix = fixTrailers(body, fixOpts);
    body = fix.body;
  }
  const subject = amSubject(mail.subject.slice(0, MAX_SUBJECT), info.subject, revision);
  const headers = [
    wrapHeader('Subject', subject),
    `From: ${formatAddr(info.author, info.email)}`,
  ];
  if (info.date) headers.push(wrapHeader('Date', info.date));
  // A made-up id is ours, not the author's: git am does not need one.
  if (!mail.synthesizedId) headers.push(wrapHeader('Message-Id', `<${mail.msgid}>`));
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(body);
  headers.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset="utf-8"', `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`);
  const lines = body.split('\n').map((l) => l.replace(/[\r\n]+$/, '') + '\n');
  return { text: MBOX_SEPARATOR + headers.join('\n') + '\n\n' + lines.join(''), fix, suspicious: suspiciousLine(body) };
}

// A patch body cut the way b4 cuts it (get_body_parts): git headers, commit message, trailers, the
// basement below `---` (diffstat, notes, diff) and the signature; and put back together.
import { findTrailers, formatTrailer, sameTrailer, type ParsedTrailer } from '../series/trailers.js';

export interface BodyParts {
  /** In-body `From:`/`Subject:`-style lines when the whole first paragraph is made of them. */
  headers: ParsedTrailer[];
  message: string;
  trailers: ParsedTrailer[];
  basement: string;
  signature: string;
}

const DIFFSTAT_LINE = /^\s*\d+ file.*\d+ (insertion|deletion)/i;
const MAX_STAT_LINE = 1000;

/** b4's DIFFSTAT_RE (`^\s*\d+ file.*\d+ (insertion|deletion)`), tried line by line on bounded lines. */
export function hasDiffstat(text: string): boolean {
  for (const line of text.split('\n')) {
    if (line.length <= MAX_STAT_LINE && /^\s*\d/.test(line) && DIFFSTAT_LINE.test(line)) return true;
  }
  return false;
}

function sameList(a: ParsedTrailer[], b: ParsedTrailer[]): boolean {
  return a.length === b.length && a.every((t, i) => sameTrailer(t, b[i]));
}

export function getBodyParts(input: string): BodyParts {
  let body = input.replace(/\r/g, '').replace(/^\n+|\n+$/g, '');
  let signature = '';
  let basement = '';
  const sig = body.lastIndexOf('\n-- \n');
  if (sig >= 0) {
    signature = body.slice(sig + 5);
    body = body.slice(0, sig);
  }
  let head = body;
  const cut = /^---\n/m.exec(body);
  if (cut) {
    head = body.slice(0, cut.index);
    basement = body.slice(cut.index + 4);
  } else {
    for (const marker of ['\ndiff ', '\n--- a/']) {
      const i = body.indexOf(marker);
      if (i < 0) continue;
      head = body.slice(0, i);
      basement = body.slice(i + 1);
      break;
    }
  }
  const paras = head.replace(/^\n+|\n+$/g, '').split('\n\n');
  const mparts: string[] = [];
  let headers: ParsedTrailer[] = [];
  const first = findTrailers(paras[0], false);
  if (first.others.length) mparts.push(paras[0]);
  else headers = first.trailers;
  const last = findTrailers(paras[paras.length - 1], false);
  if (paras.length === 1) {
    if (sameList(headers, last.trailers)) headers = [];
    return { headers, message: last.others.join('\n'), trailers: last.trailers, basement, signature };
  }
  mparts.push(...paras.slice(1, -1));
  if (last.others.length) mparts.push(last.others.join('\n'));
  return { headers, message: mparts.join('\n\n'), trailers: last.trailers, basement, signature };
}

/** b4's rebuild_message: message, blank line, trailers, then the basement and signature. */
export function rebuildMessage(parts: BodyParts, trailers: ParsedTrailer[]): string {
  let body = '';
  if (parts.headers.length) {
    for (const h of parts.headers) body += formatTrailer(h, false) + '\n';
    body += '\n';
  }
  if (parts.message.length) {
    body += parts.message.replace(/[\r\n]+$/, '') + '\n';
    if (trailers.length) body += '\n';
  }
  for (const t of trailers) body += formatTrailer(t) + '\n';
  const { basement } = parts;
  if (basement.length) {
    if (!trailers.length) body += '\n';
    const startsWithDiff = basement.trim().startsWith('diff --git') || basement.trimStart().startsWith('--- ');
    // A diff right after the trailers needs no `---`; notes or a diffstat do.
    body += hasDiffstat(basement) || !startsWithDiff ? '---\n' : '\n';
    body += basement.replace(/^[\r\n]+/, '') + '\n';
  }
  if (parts.signature.length) body += '-- \n' + parts.signature.replace(/[\r\n]+$/, '') + '\n';
  return body;
}

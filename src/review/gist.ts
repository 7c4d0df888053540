// A message's own words: what it says, without the quote it answers, the greeting, the snip marks,
// the trailers and the signature. The gist is the first of those lines, one line, bounded; whether a
// message only closes a discussion ("Agreed, thanks!", an Acked-by) is read from the same words.
import type { Address } from '../model/mail.js';
import { sanitizeLine } from '../util/sanitize.js';
import { isAttribution, ownText } from './feedback-text.js';
import { baseName, firstName } from './people.js';

export const MAX_GIST = 200;
const MAX_LINES = 4000;

export interface OwnWords {
  /** The message's own lines, blank lines kept as paragraph breaks ('' entries). */
  lines: string[];
  /** Names of the trailers written in it (Reviewed-by, Acked-by, …). */
  trailers: string[];
  /** Lines of its own, blank ones not counted. */
  count: number;
}

const GREETING = /^(hi|hello|hey|dear|hallo|howdy|greetings|good (morning|afternoon|evening))\b[^.!?]{0,60}[,.!:]?$/i;
const SNIP = /^(\.{3}|…)?\s*[<[(]?\s*(snip|snipped|trimmed|cut)\b.*$|^[<[(]?\s*(\.{3}|…)\s*[>\])]?$|^\.{3}\s*snip\s*\.{3}.*$/i;
const BRACKET_NOTE = /^\[[^\]]{0,80}\]$/;
const TRAILER = /^([A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-by|Cc|Fixes|Link|Closes):\s+\S/;
const CLOSING_WORD = /^(thanks|thank you|thx|regards|best regards|kind regards|best|cheers|ciao|bye)[,.!]*$/i;
/** Where a pasted patch or a scissors line starts: the rest is code, not the message's words. */
const PATCH_START = /^(From [0-9a-f]{40} |diff --git |Index: \S|-{2,} ?>8 ?-{2,}|-+ ?8< ?-+)/;

function isSignatureName(line: string, sender: Address | undefined): boolean {
  const t = line.replace(/^[~\-–—\s]+/, '').replace(/[,.!\s]+$/, '').toLowerCase();
  if (!t || t.length > 40) return false;
  if (/^[~-]/.test(line.trim()) && !/\s/.test(t)) return true;
  if (!sender) return false;
  const names = [baseName(sender.name), firstName(sender) ?? '', sender.email.split('@')[0]].map((n) => n.toLowerCase()).filter(Boolean);
  return names.includes(t);
}

/** The own words of a message body, as `OwnWords`; `own` is its `ownText` when the caller has it already. */
export function ownWords(body: string, sender?: Address, own: string = ownText(body)): OwnWords {
  const lines: string[] = [];
  const trailers: string[] = [];
  const all = own.split('\n', MAX_LINES);
  for (const raw of all) {
    const line = raw.replace(/\s+$/, '');
    const t = line.trim();
    if (PATCH_START.test(t)) break;
    if (!t) {
      if (lines.length && lines[lines.length - 1] !== '') lines.push('');
      continue;
    }
    const m = TRAILER.exec(t);
    if (m) {
      trailers.push(m[1]);
      continue;
    }
    if (SNIP.test(t) || BRACKET_NOTE.test(t) || isAttribution(t)) continue;
    // A greeting only counts at the top: "Hi Gregory," is not the message.
    if (!lines.some((l) => l !== '') && GREETING.test(t)) continue;
    lines.push(t);
  }
  // The signature: "Thanks,\nBalbir", "~Gregory", a lone first name at the end.
  while (lines.length && (lines[lines.length - 1] === '' || isSignatureName(lines[lines.length - 1], sender))) lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return { lines, trailers, count: lines.filter((l) => l !== '').length };
}

function clip(text: string, max: number): string {
  if ([...text].length <= max) return text;
  const cut = [...text].slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…';
}

/**
 * The first lines of the message's own words, on one line: its first paragraph (at most three
 * lines), a lone "Thanks." before more text skipped, control characters stripped, at most
 * `MAX_GIST` characters. A message of trailers alone reads as its trailers; one with no words of
 * its own gives ''.
 */
export function gistOf(words: OwnWords, max = MAX_GIST): string {
  const paras: string[][] = [[]];
  for (const l of words.lines) {
    if (l === '') paras.push([]);
    else paras[paras.length - 1].push(l);
  }
  const ps = paras.filter((p) => p.length);
  let first = ps[0] ?? [];
  if (ps.length > 1 && first.length === 1 && CLOSING_WORD.test(first[0].replace(/[,.!]+$/, ''))) first = ps[1];
  if (ps.length > 1 && first.length === 1 && /^(thanks|thank you)\b.{0,20}[.!]$/i.test(first[0])) first = ps[1];
  const text = first.length ? first.slice(0, 3).join(' ') : words.trailers.length ? [...new Set(words.trailers)].join(', ') : '';
  return clip(sanitizeLine(text).replace(/\s+/g, ' ').trim(), max);
}

const APPROVAL_TRAILERS = new Set(['reviewed-by', 'acked-by', 'tested-by']);
const SETTLING = /\b(ack(ed)?|agreed?|thanks|thank you|thx|sounds (good|reasonable|fine)|lgtm|looks (good|fine)|makes sense|fair enough|perfect)\b/i;
const OBJECTION = /\b(but|however|although|though|still|wrong|broken|nak|nack|concern(ed)?|disagree)\b/i;

/**
 * A message that closes its branch of the discussion: a review trailer, or a few lines (at most six,
 * 400 characters) that agree or thank, with no question and no "but"/"however"/"concerned".
 */
export function isClosing(words: OwnWords): boolean {
  if (words.trailers.some((t) => APPROVAL_TRAILERS.has(t.toLowerCase()))) return true;
  const text = words.lines.filter((l) => l !== '').join(' ');
  if (!text || words.count > 6 || text.length > 400) return false;
  return SETTLING.test(text) && !text.includes('?') && !OBJECTION.test(text);
}

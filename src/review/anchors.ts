// Anchor review replies to the diff lines they quote: `> +foo` / `> -bar` / `>  ctx` back to the hunk.
import type { Address } from '../model/mail.js';
import type { CommentAnchor } from '../model/review.js';
import type { FileDiff, DiffLine } from '../diff/types.js';

interface QuoteBlock {
  /** Quoted diff lines with their marker, e.g. "+\tint x;". */
  lines: string[];
  /** The reviewer's own text right after the block. */
  text: string[];
}

const MAX_LINES = 20000;

/** Lines quoted exactly one level deep that look like diff lines. */
function quotedDiffLine(line: string): string | null {
  if (!line.startsWith('>') || line.startsWith('>>') || line.startsWith('> >')) return null;
  const rest = line.startsWith('> ') ? line.slice(2) : line.slice(1);
  if (rest === '' ) return ' ';
  const c = rest[0];
  if (c === '+' || c === '-' || c === ' ') {
    if (rest.startsWith('+++ ') || rest.startsWith('--- ')) return null;
    return rest;
  }
  return null;
}

/** Split a reply into quoted-diff blocks, each with the text written after it. */
export function quoteBlocks(body: string): QuoteBlock[] {
  const blocks: QuoteBlock[] = [];
  let cur: QuoteBlock | null = null;
  const lines = body.split('\n');
  for (let i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '-- ') break;
    const q = quotedDiffLine(line);
    if (q !== null) {
      if (!cur || cur.text.length) {
        cur = { lines: [], text: [] };
        blocks.push(cur);
      }
      cur.lines.push(q);
      continue;
    }
    // Other quoted text (commit message, deeper quotes) neither ends a block nor comments on it.
    if (line.startsWith('>')) continue;
    if (cur && line.trim() !== '') cur.text.push(line);
  }
  return blocks.filter((b) => b.lines.some((l) => l.trim() !== '') && b.text.length > 0);
}

function sameLine(quoted: string, d: DiffLine): boolean {
  const marker = d.kind === 'add' ? '+' : d.kind === 'del' ? '-' : ' ';
  if (quoted[0] !== marker) return false;
  // Mailers strip trailing whitespace from quotes.
  return quoted.slice(1).trimEnd() === d.text.trimEnd();
}

/** Find where the last line of a quoted block sits in the diff. */
function locate(block: QuoteBlock, files: FileDiff[]): { file: string; line: DiffLine } | null {
  const want = block.lines.filter((l) => l.trim() !== '' || l === ' ');
  const last = want[want.length - 1];
  for (const f of files) {
    for (const h of f.hunks) {
      for (let i = h.lines.length - 1; i >= 0; i--) {
        if (!sameLine(last, h.lines[i])) continue;
        // Confirm with the preceding quoted lines where they are there to compare.
        let ok = true;
        for (let k = 1; k < Math.min(want.length, 4) && ok; k++) {
          const d = h.lines[i - k];
          if (d && !sameLine(want[want.length - 1 - k], d)) ok = false;
        }
        if (ok) return { file: f.path, line: h.lines[i] };
      }
    }
  }
  return null;
}

export function anchorReply(replyMsgid: string, author: Address, body: string, files: FileDiff[]): CommentAnchor[] {
  const out: CommentAnchor[] = [];
  for (const b of quoteBlocks(body)) {
    const hit = locate(b, files);
    if (!hit) continue;
    const side = hit.line.kind === 'del' ? 'old' : 'new';
    const line = side === 'old' ? hit.line.oldLine : hit.line.newLine;
    if (line === null) continue;
    out.push({ replyMsgid, file: hit.file, line, side, excerpt: b.text.slice(0, 6).join('\n'), author });
  }
  return out;
}

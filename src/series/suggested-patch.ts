// A review reply that carries a patch of its own ("something like this:" and a diff, or an attached
// .patch): its Signed-off-by and other trailers belong to that patch, never to the series reviewed.
import type { Mail } from '../model/mail.js';

export interface ReplyPatch {
  kind: 'inline' | 'attachment';
  /** The reply's own words with the patch cut out: where its trailers for the series can be. */
  ownText: string;
  /** The suggested patch: its commit message (when it has one) and diff, as the reply carries it. */
  patchText: string;
}

const DIFF_START = /^(diff --(git|cc|combined) |Index: \S)/;
// An mboxo writer quotes it as `>From`, which is not a quoted line of the conversation.
const FORMAT_PATCH_FROM = /^>?From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/;
/** `-- >8 --`, `---8<---`, `----- 8< -----`: git's scissors, and what people type for them. */
const SCISSORS = /^\s*-*\s*(>8|8<)\s*-*\s*$/;
const IN_BODY_HEADER = /^(From|Subject|Date): \S/;
const MAX_WRAPPED = 8;
const HUNK = /^@@+ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

const quoted = (line: string) => line.startsWith('>') && !FORMAT_PATCH_FROM.test(line);

/** Index of the first unquoted line that starts a diff (git, unified `---`/`+++`/`@@`, or `Index:`). */
function diffStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (quoted(l)) continue;
    if (DIFF_START.test(l)) return i;
    if (l.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && HUNK.test(lines[i + 2] ?? '')) return i;
  }
  return -1;
}

/** Index just after the diff that starts at `from`: hunks are consumed by their line counts. */
function diffEnd(lines: string[], from: number): number {
  let i = from;
  let last = from;
  while (i < lines.length) {
    const l = lines[i];
    const h = HUNK.exec(l);
    if (h) {
      let oldLeft = h[1] === undefined ? 1 : Number(h[1]);
      let newLeft = h[2] === undefined ? 1 : Number(h[2]);
      i++;
      // A mailer that wraps long lines leaves a piece of one without its prefix inside a hunk: the
      // hunk goes on after it (a few such lines; more means the diff has ended).
      let wrapped = 0;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
        const c = lines[i][0];
        if (c === '-') oldLeft--;
        else if (c === '+') newLeft--;
        else if (c === ' ' || lines[i] === '') { oldLeft--; newLeft--; }
        else if (c !== '\\') {
          if (++wrapped > MAX_WRAPPED || DIFF_START.test(lines[i])) break;
        }
        i++;
      }
      while (i < lines.length && lines[i].startsWith('\\')) i++;
      last = i;
      continue;
    }
    // File headers and extended headers between hunks belong to the diff; anything else ends it.
    if (DIFF_START.test(l) || /^(---|\+\+\+) /.test(l) || /^(index |new file mode|deleted file mode|old mode|new mode|similarity index|rename (from|to)|copy (from|to)|Binary files|GIT binary patch)/.test(l)) {
      i++;
      last = i;
      continue;
    }
    // The wrapped tail of a hunk's last line: the next file's diff is just below.
    const resume = lines.slice(i + 1, i + 1 + MAX_WRAPPED).findIndex((l) => DIFF_START.test(l) || HUNK.test(l));
    if (resume >= 0 && lines.slice(i, i + 1 + resume).every((l) => l.trim() !== '')) {
      i += 1 + resume;
      continue;
    }
    break;
  }
  // git format-patch's signature ("-- " and the git version) closes the patch.
  if (lines[last] === '-- ' && /^\d+\.\d+/.test(lines[last + 1] ?? '')) last += 2;
  return last;
}

/**
 * Where the suggested patch begins above its diff: a format-patch `From <sha>` line, a scissors line,
 * or, in format-patch layout without them, the trailer paragraph above the `---` that precedes the
 * diff. Lines above that are the reviewer's own words.
 */
function patchStart(lines: string[], diff: number): number {
  let floor = 0;
  for (let i = diff - 1; i >= 0; i--) if (quoted(lines[i])) { floor = i + 1; break; }
  for (let i = floor; i < diff; i++) {
    if (FORMAT_PATCH_FROM.test(lines[i]) || SCISSORS.test(lines[i])) return i;
    // A pasted commit starting with its in-body headers ("From: …" / "Subject: …" after a blank line).
    const paragraphStart = i === floor || lines[i - 1].trim() === '';
    if (paragraphStart && IN_BODY_HEADER.test(lines[i]) && lines.slice(i, i + 4).some((l) => l.startsWith('Subject: '))) return i;
  }
  // `Signed-off-by: …` / `---` / diffstat / diff: the paragraph above the `---` is the patch's own.
  let dash = -1;
  for (let i = diff - 1; i >= floor; i--) if (lines[i] === '---') { dash = i; break; }
  if (dash < 0) return diff;
  let start = dash;
  while (start > floor && lines[start - 1].trim() !== '') start--;
  return start;
}

/** The patch a reply carries, or null when it carries none. */
export function replyPatch(mail: Mail): ReplyPatch | null {
  if (!mail.hasPatch) return null;
  const body = mail.body;
  const patch = mail.patch!;
  if (patch !== body) return { kind: 'attachment', ownText: body, patchText: patch };
  const lines = body.replace(/\r/g, '').split('\n');
  const diff = diffStart(lines);
  if (diff < 0) return null;
  const start = patchStart(lines, diff);
  const end = diffEnd(lines, diff);
  return {
    kind: 'inline',
    ownText: [...lines.slice(0, start), ...lines.slice(end)].join('\n'),
    patchText: lines.slice(start, end).join('\n') + '\n',
  };
}

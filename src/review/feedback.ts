// Review feedback tracked across versions. A comment (a reply quoting the diff with text of its own)
// stays open until the author answers it in the thread, the hunk it quotes changes in a later
// version, or a later changelog names it. A "will fix in v2" answer is a promise: still open until
// the next version shows the fix.
import type { Address, Mail } from '../model/mail.js';
import type { CommentAnchor, ReviewPatch, ReviewSeries } from '../model/review.js';
import type { Reply } from '../model/series.js';
import { quoteBlocks } from './anchors.js';
import { coverChangelog, patchNotes, type ChangelogEntry } from './changelog.js';
import { compareVersions, type VersionChanges } from './interdiff.js';
import { loreUrl } from './links.js';
import { matchPerson } from './people.js';
import { namesComment, ownText, promisesChange } from './feedback-text.js';
import { REVIEW_TRAILERS } from './coverage.js';

export type FeedbackReason =
  | { kind: 'answered'; msgid: string; promised: boolean; excerpt: string }
  | { kind: 'approved'; trailer: string }
  | { kind: 'hunk-changed'; version: number; seriesId: string; patch: number; msgid: string }
  | { kind: 'patch-dropped'; version: number; seriesId: string }
  | { kind: 'changelog'; version: number; msgid: string; entry: string; names: string[] };

export interface FeedbackItem {
  id: string;
  seriesId: string;
  version: number;
  patch: number;
  patchMsgid: string;
  patchTitle: string;
  msgid: string;
  url: string;
  reviewer: Address;
  file: string;
  line: number;
  side: 'new' | 'old';
  excerpt: string;
  /** open: waiting for the author; answered: the author replied; resolved: addressed or approved. */
  status: 'open' | 'answered' | 'resolved';
  reasons: FeedbackReason[];
  /** One sentence saying why the status is what it is. */
  why: string;
}

const MAX_DEPTH = 64;

/** The diff lines a comment quotes, found again from the reply's quote blocks; null when unknown. */
function quotedLines(anchor: CommentAnchor, mails: Map<string, Mail>): { lines: string[]; text: string } | null {
  const body = mails.get(anchor.replyMsgid)?.body;
  if (!body) return null;
  const block = quoteBlocks(body).find((b) => b.text.slice(0, 6).join('\n') === anchor.excerpt);
  return block ? { lines: block.lines, text: block.text.join('\n') } : null;
}

/** When the quote cannot be found again: the anchored line and the three above it. */
function hunkWindow(a: CommentAnchor, p: ReviewPatch): string[] {
  const f = p.files.find((x) => x.path === a.file);
  for (const h of f?.hunks ?? []) {
    const i = h.lines.findIndex((l) => (a.side === 'old' ? l.kind !== 'add' && l.oldLine === a.line : l.kind !== 'del' && l.newLine === a.line));
    if (i >= 0) return h.lines.slice(Math.max(0, i - 3), i + 1).map((l) => (l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ') + l.text);
  }
  return [];
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The quoted lines still appear, in order and together, in the patch's diff of that file. */
function quoteSurvives(quoted: string[], file: string, p: ReviewPatch): boolean {
  const f = p.files.find((x) => x.path === file);
  if (!f) return false;
  const want = quoted.map((l) => l[0] + squash(l.slice(1))).filter((l) => l.length > 1);
  if (!want.length) return true;
  for (const h of f.hunks) {
    const have = h.lines.map((l) => (l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ') + squash(l.text)).filter((l) => l.length > 1);
    for (let i = 0; i + want.length <= have.length; i++) {
      let k = 0;
      while (k < want.length && have[i + k] === want[k]) k++;
      if (k === want.length) return true;
    }
  }
  return false;
}

/** Replies by the patch author below the comment in its thread. */
function authorAnswers(p: ReviewPatch, commentMsgid: string, author: Address): Reply[] {
  const byId = new Map(p.replies.map((r) => [r.msgid, r]));
  return p.replies.filter((r) => {
    if (r.msgid === commentMsgid || matchPerson(r.from, author) === null) return false;
    let cur: string | null = r.parent;
    for (let i = 0; cur && i < MAX_DEPTH; i++) {
      if (cur === commentMsgid) return true;
      cur = byId.get(cur)?.parent ?? null;
    }
    return false;
  });
}

function changelogOf(s: ReviewSeries, patch: number | null, mails: Map<string, Mail>): ChangelogEntry[] {
  const out: ChangelogEntry[] = [];
  if (s.cover) for (const text of coverChangelog(s.cover.message)) out.push({ text, msgid: s.cover.msgid, source: 'cover', patchIndex: null });
  const p = patch === null ? undefined : s.patches.find((x) => x.index === patch);
  const body = p ? mails.get(p.msgid)?.body : undefined;
  if (p && body) for (const text of patchNotes(body)) out.push({ text, msgid: p.msgid, source: 'patch', patchIndex: p.index });
  return out;
}

function explain(status: FeedbackItem['status'], reasons: FeedbackReason[]): string {
  const parts = reasons.map((r) => {
    switch (r.kind) {
      case 'answered':
        return r.promised ? 'the author promised a change in the next version' : 'the author answered in the thread';
      case 'approved':
        return `the reviewer gave ${r.trailer} in the same reply`;
      case 'hunk-changed':
        return `the quoted lines changed in v${r.version} (patch ${r.patch})`;
      case 'patch-dropped':
        return `the patch was dropped in v${r.version}`;
      case 'changelog':
        return `the v${r.version} changelog names it (${r.names.join(', ')})`;
    }
  });
  if (status === 'open') return parts.length ? `open: ${parts.join('; ')}, not yet seen in a later version` : 'open: no answer from the author yet';
  return `${status}: ${parts.join('; ')}`;
}

/**
 * Every review comment on the given versions of one work (oldest first), with its status as of the
 * newest version given. `changes[i]` compares versions i and i+1 (computed when not given).
 */
export function trackFeedback(versions: ReviewSeries[], mails: Map<string, Mail>, changes?: VersionChanges[]): FeedbackItem[] {
  const steps = changes ?? versions.slice(1).map((s, i) => compareVersions(versions[i], s));
  const out: FeedbackItem[] = [];
  versions.forEach((s, vi) => {
    for (const p of s.patches) {
      for (const a of p.anchors) {
        if (matchPerson(a.author, p.from) !== null) continue;
        const quote = quotedLines(a, mails);
        const reasons: FeedbackReason[] = [];
        const approval = p.trailers.find((t) => t.fromMsgid === a.replyMsgid && REVIEW_TRAILERS.has(t.name.toLowerCase()) && t.person && matchPerson(t.person, a.author));
        if (approval) reasons.push({ kind: 'approved', trailer: approval.name });
        for (const r of authorAnswers(p, a.replyMsgid, p.from)) {
          const own = ownText(mails.get(r.msgid)?.body ?? '');
          reasons.push({ kind: 'answered', msgid: r.msgid, promised: promisesChange(own), excerpt: own.split('\n').filter((l) => l.trim()).slice(0, 3).join('\n') });
        }
        // Follow the patch through later versions until its quoted lines change or it is dropped.
        let cur: number | null = p.index;
        for (let j = vi + 1; j < versions.length && cur !== null; j++) {
          const step = steps[j - 1];
          const ch = step?.patches.find((c) => c.older?.index === cur);
          const later = versions[j];
          for (const e of changelogOf(later, ch?.newer?.index ?? null, mails)) {
            const names = namesComment(e.text, a.author, quote?.text ?? a.excerpt, quote?.lines ?? []);
            if (names.length) {
              reasons.push({ kind: 'changelog', version: later.version, msgid: e.msgid, entry: e.text, names });
              break;
            }
          }
          if (!ch || ch.kind === 'dropped' || !ch.newer) {
            reasons.push({ kind: 'patch-dropped', version: later.version, seriesId: later.id });
            cur = null;
            break;
          }
          const np = later.patches.find((x) => x.index === ch.newer!.index);
          if (ch.kind !== 'unchanged' && np && !quoteSurvives(quote?.lines ?? hunkWindow(a, p), a.file, np)) {
            reasons.push({ kind: 'hunk-changed', version: later.version, seriesId: later.id, patch: np.index, msgid: np.msgid });
            cur = null;
            break;
          }
          cur = ch.newer.index;
        }
        const settled = reasons.some((r) => r.kind !== 'answered');
        const answered = reasons.some((r) => r.kind === 'answered' && !r.promised);
        const status: FeedbackItem['status'] = settled ? 'resolved' : answered ? 'answered' : 'open';
        out.push({
          id: `${a.replyMsgid}#${a.file}:${a.side}${a.line}`,
          seriesId: s.id,
          version: s.version,
          patch: p.index,
          patchMsgid: p.msgid,
          patchTitle: p.title,
          msgid: a.replyMsgid,
          url: loreUrl(a.replyMsgid),
          reviewer: a.author,
          file: a.file,
          line: a.line,
          side: a.side,
          excerpt: a.excerpt,
          status,
          reasons,
          why: explain(status, reasons),
        });
      }
    }
  });
  return out;
}

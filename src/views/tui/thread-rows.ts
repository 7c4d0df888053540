// The discussion tree of a series: cover letter, patches under it, replies under each. One row per
// message: date, author, then for a reply the gist of its own words (not the subject every reply
// repeats), indented by depth; the reply opening a sub-thread says where that sub-thread stands.
// Enter opens the message.
import type { Reply, ReviewSeries } from '../../model/review.js';
import type { SubThread } from '../../model/discussion.js';
import type { Role } from './theme.js';
import type { TuiData } from './data.js';
import { memoRows, seg, type Row, type Seg } from './rows.js';
import { clean, clip, displayWidth, padEnd, shortDate } from './text.js';
import { replyTree } from './reply-tree.js';

const DATE_W = 16;
const AUTHOR_W = 20;
const MAX_INDENT = 12;

export const STATE_TAG: Record<SubThread['state'], [string, Role]> = {
  'waiting-author': ['[waits: author]', 'high'],
  'waiting-reviewer': ['[waits: reviewer]', 'warn'],
  settled: ['[settled]', 'ok'],
};

function msgRow(width: number, depth: number, who: string, date: string | null, text: Seg[], extra: Omit<Row, 'segs'>): Row {
  const indent = depth ? '  '.repeat(Math.min(depth - 1, MAX_INDENT)) + '└ ' : '';
  const left = `${padEnd(shortDate(date), DATE_W)} ${padEnd(clip(clean(who), AUTHOR_W), AUTHOR_W)} `;
  let room = Math.max(4, width - displayWidth(left) - indent.length);
  const fitted: Seg[] = [];
  for (const t of text) {
    if (room <= 0) break;
    const c = clip(clean(t.text), room);
    fitted.push(seg(t.role, c));
    room -= displayWidth(c);
  }
  return { segs: [seg('meta', left), seg('dim', indent), ...fitted], ...extra };
}

interface Gists {
  gist: Map<string, string>;
  /** Replies that carry a suggested patch. */
  suggests: Set<string>;
  opens: Map<string, SubThread>;
  /** The name each reply's author goes by across the thread ("Arun George", not "Arun George/Arun George"). */
  author: Map<string, string>;
}

function gistsOf(s: ReviewSeries): Gists {
  const gist = new Map<string, string>();
  const opens = new Map<string, SubThread>();
  const author = new Map<string, string>();
  const suggests = new Set<string>();
  const names = new Map((s.discussion?.people ?? []).map((p) => [p.id, p.name]));
  for (const st of s.discussion?.subThreads ?? []) {
    opens.set(st.id, st);
    for (const m of st.thread) {
      gist.set(m.msgid, m.gist);
      if (m.suggests?.length) suggests.add(m.msgid);
      const n = names.get(m.from);
      if (n) author.set(m.msgid, n);
    }
  }
  return { gist, opens, author, suggests };
}

function replyText(reply: Reply, g: Gists): Seg[] {
  const st = g.opens.get(reply.msgid);
  const gist = g.gist.get(reply.msgid);
  const said = gist === undefined ? [seg('comment', reply.subject)] : gist ? [seg('comment', gist)] : [seg('dim', '(quotes only)')];
  const words = g.suggests.has(reply.msgid) ? [seg('badge', '[patch] '), ...said] : said;
  if (!st) return words;
  const [tag, role] = STATE_TAG[st.state];
  return [seg(role, `${tag} `), ...words];
}

function replyRows(root: string, replies: Reply[], base: number, width: number, patch: number, g: Gists): Row[] {
  return replyTree(root, replies).map(({ reply, depth }) =>
    msgRow(width, base + depth, g.author.get(reply.msgid) ?? (reply.from.name || reply.from.email), reply.date, replyText(reply, g), { msgid: reply.msgid, patch, target: 'comment' }),
  );
}

function build(_data: TuiData, s: ReviewSeries, width: number): Row[] {
  const rows: Row[] = [];
  const g = gistsOf(s);
  const base = s.cover ? 1 : 0;
  if (s.cover) {
    rows.push(msgRow(width, 0, s.cover.from.name || s.cover.from.email, s.cover.date, [seg('title', s.cover.subject)], { msgid: s.cover.msgid, patch: -1 }));
    rows.push(...replyRows(s.cover.msgid, s.cover.replies, base, width, -1, g));
  }
  const order = [
    ...s.patches.map((p, pos) => ({ index: p.index, pos })),
    ...s.missing.slice(0, 1000).map((index) => ({ index, pos: -1 })),
  ].sort((a, b) => a.index - b.index || a.pos - b.pos);
  for (const { index, pos } of order) {
    if (pos === -1) {
      rows.push({ segs: [seg('missing', clip(`${' '.repeat(DATE_W + AUTHOR_W + 2)}${base ? '└ ' : ''}[missing ${index}/${s.total}]`, width))], missing: index });
      continue;
    }
    const p = s.patches[pos];
    rows.push(msgRow(width, base, p.from.name || p.from.email, p.date, [seg('ctx', p.subject)], { msgid: p.msgid, patch: pos }));
    rows.push(...replyRows(p.msgid, p.replies, base, width, pos, g));
  }
  return rows;
}

export const threadRows = memoRows(build);

/** "8 sub-threads: 3 wait for the author, 5 for a reviewer, 0 settled", or '' without replies. */
export function discussionSummary(s: ReviewSeries): string {
  const c = s.discussion?.counts;
  if (!c || !c.subThreads) return '';
  return `${c.subThreads} sub-thread${c.subThreads === 1 ? '' : 's'}: ${c.waitingAuthor} wait${c.waitingAuthor === 1 ? 's' : ''} for the author, ${c.waitingReviewer} for a reviewer, ${c.settled} settled`;
}

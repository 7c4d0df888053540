// The discussion tree of a series: cover letter, patches under it, replies under each, with authors
// and dates. One row per message; Enter opens the message.
import type { Reply, ReviewSeries } from '../../model/review.js';
import type { TuiData } from './data.js';
import { memoRows, seg, type Row } from './rows.js';
import { clean, clip, displayWidth, padEnd, shortDate } from './text.js';
import { replyTree } from './reply-tree.js';

const DATE_W = 16;
const AUTHOR_W = 20;
const MAX_INDENT = 12;

function msgRow(width: number, depth: number, who: string, date: string | null, subject: string, role: 'title' | 'ctx' | 'comment', extra: Omit<Row, 'segs'>): Row {
  const indent = depth ? '  '.repeat(Math.min(depth - 1, MAX_INDENT)) + '└ ' : '';
  const left = `${padEnd(shortDate(date), DATE_W)} ${padEnd(clip(clean(who), AUTHOR_W), AUTHOR_W)} `;
  const room = Math.max(4, width - displayWidth(left) - indent.length);
  return { segs: [seg('meta', left), seg('dim', indent), seg(role, clip(clean(subject), room))], ...extra };
}

function replyRows(root: string, replies: Reply[], base: number, width: number, patch: number): Row[] {
  return replyTree(root, replies).map(({ reply, depth }) =>
    msgRow(width, base + depth, reply.from.name || reply.from.email, reply.date, reply.subject, 'comment', { msgid: reply.msgid, patch, target: 'comment' }),
  );
}

function build(_data: TuiData, s: ReviewSeries, width: number): Row[] {
  const rows: Row[] = [];
  const base = s.cover ? 1 : 0;
  if (s.cover) {
    rows.push(msgRow(width, 0, s.cover.from.name || s.cover.from.email, s.cover.date, s.cover.subject, 'title', { msgid: s.cover.msgid, patch: -1 }));
    rows.push(...replyRows(s.cover.msgid, s.cover.replies, base, width, -1));
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
    rows.push(msgRow(width, base, p.from.name || p.from.email, p.date, p.subject, 'ctx', { msgid: p.msgid, patch: pos }));
    rows.push(...replyRows(p.msgid, p.replies, base, width, pos));
  }
  return rows;
}

export const threadRows = memoRows(build);

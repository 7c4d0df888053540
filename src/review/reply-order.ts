// Replies of one patch or cover letter in discussion order: depth first, siblings by date. Replies
// whose parent is not among them hang off the root, so nothing is lost to a missing message.
import type { Reply } from '../model/series.js';

export interface TreeReply {
  reply: Reply;
  /** 1 for a direct answer to the root. */
  depth: number;
}

const byDate = (a: Reply, b: Reply) => (a.date ?? '').localeCompare(b.date ?? '');

export function replyTree(rootMsgid: string, replies: Reply[]): TreeReply[] {
  const ids = new Set(replies.map((r) => r.msgid));
  const children = new Map<string, Reply[]>();
  for (const r of replies) {
    const parent = r.parent && r.parent !== r.msgid && ids.has(r.parent) ? r.parent : rootMsgid;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(byDate);
  const out: TreeReply[] = [];
  const seen = new Set<string>();
  // Iterative, so a deep or cyclic parent chain from hostile mail cannot overflow the stack.
  const stack: TreeReply[] = (children.get(rootMsgid) ?? []).map((reply) => ({ reply, depth: 1 })).reverse();
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur.reply.msgid)) continue;
    seen.add(cur.reply.msgid);
    out.push(cur);
    const kids = children.get(cur.reply.msgid) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ reply: kids[i], depth: cur.depth + 1 });
  }
  // Replies caught in a parent cycle never hang off the root: list them rather than drop them.
  for (const r of replies) if (!seen.has(r.msgid)) out.push({ reply: r, depth: 1 });
  return out;
}

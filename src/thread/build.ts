// Threading from Message-ID / References / In-Reply-To (JWZ-style): ghosts for missing parents,
// never by subject, and no message may become its own ancestor.
import type { Mail } from '../model/mail.js';

export interface ThreadNode {
  msgid: string;
  /** Absent for a ghost: a message referenced but not present. */
  mail?: Mail;
  parent: ThreadNode | null;
  children: ThreadNode[];
}

export interface ThreadForest {
  nodes: Map<string, ThreadNode>;
  roots: ThreadNode[];
}

function isAncestor(candidate: ThreadNode, of: ThreadNode): boolean {
  for (let n: ThreadNode | null = of; n; n = n.parent) if (n === candidate) return true;
  return false;
}

function link(child: ThreadNode, parent: ThreadNode): boolean {
  if (child === parent || isAncestor(child, parent)) return false;
  if (child.parent) {
    const sib = child.parent.children;
    const i = sib.indexOf(child);
    if (i >= 0) sib.splice(i, 1);
  }
  child.parent = parent;
  parent.children.push(child);
  return true;
}

export function buildThreads(mails: Iterable<Mail>): ThreadForest {
  const nodes = new Map<string, ThreadNode>();
  const node = (id: string): ThreadNode => {
    let n = nodes.get(id);
    if (!n) {
      n = { msgid: id, parent: null, children: [] };
      nodes.set(id, n);
    }
    return n;
  };
  const own = new Set<ThreadNode>();
  for (const mail of mails) {
    const me = node(mail.msgid);
    me.mail = mail;
    const refs = mail.references.filter((r) => r !== mail.msgid);
    if (mail.inReplyTo && mail.inReplyTo !== mail.msgid && refs[refs.length - 1] !== mail.inReplyTo) {
      // In-Reply-To names the direct parent; References may be truncated or stale.
      const i = refs.indexOf(mail.inReplyTo);
      if (i >= 0) refs.splice(i, 1);
      refs.push(mail.inReplyTo);
    }
    // Chain the references among themselves only where nothing better is known yet.
    for (let i = 1; i < refs.length; i++) {
      const child = node(refs[i]);
      if (!child.parent && !own.has(child)) link(child, node(refs[i - 1]));
    }
    if (refs.length) {
      // A message's own headers override whatever others guessed about its parent.
      const parent = node(refs[refs.length - 1]);
      if (!link(me, parent) && me.parent && isAncestor(me, parent)) {
        // The claimed parent descends from us: a loop. Keep the older structure.
      }
    }
    own.add(me);
  }
  const roots: ThreadNode[] = [];
  for (const n of nodes.values()) if (!n.parent) roots.push(n);
  return { nodes, roots };
}

/** Nearest ancestors first. */
export function* ancestors(n: ThreadNode): Generator<ThreadNode> {
  for (let p = n.parent; p; p = p.parent) yield p;
}

export function depthOf(n: ThreadNode): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) d++;
  return d;
}

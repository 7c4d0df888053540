// One thread out of local sources: `am SOURCE MSGID` and `tui SOURCE… MSGID`. With the index only the
// unit holding the Message-ID is read (src/index/load.ts); without it (--no-index) everything is read
// and the selection is made from the threads. The network is never asked.
import { existsSync } from 'node:fs';
import type { Loaded } from '../pipeline/load.js';
import type { ThreadNode } from '../thread/build.js';
import { loadFromArgs, UsageError, type SourceFlags } from './load.js';
import { parseThreadRef } from '../sources/lore-ref.js';

/** A MSGID argument as typed (`<id>`, `id:id` or bare) → the bare Message-ID. */
export function bareMsgid(arg: string): string {
  return arg.trim().replace(/^<|>$/g, '').replace(/^id:/, '');
}

/**
 * `SOURCE… MSGID`: the last argument a Message-ID (not a lore URL, not an existing path) after one or
 * more local paths. Null when the arguments are something else (then every one is a source, and a
 * Message-ID alone is still fetched from lore).
 */
export function splitThreadArgs(args: string[]): { sources: string[]; msgid: string } | null {
  if (args.length < 2) return null;
  const last = args[args.length - 1];
  const sources = args.slice(0, -1);
  if (existsSync(last) || /^https?:/i.test(last.trim())) return null;
  const ref = parseThreadRef(last);
  if (!ref || !sources.every((s) => s !== '-' && existsSync(s))) return null;
  return { sources, msgid: ref.msgid };
}

/** The messages `am SOURCE MSGID` reads: the Message-ID's unit when the index holds the sources, else everything. */
export function loadForThread(sources: string[], msgid: string, flags: SourceFlags): Promise<Loaded> {
  return loadFromArgs(sources, flags, { kind: 'thread', msgid: bareMsgid(msgid) });
}

const rootOf = (n: ThreadNode) => {
  let r = n;
  while (r.parent) r = r.parent;
  return r;
};

/**
 * The thread of `msgid` for a review: what loadForThread reads, narrowed to the message's thread when
 * everything was read (no index). An id the sources do not hold is a usage error (exit 2), worded as am's.
 */
export async function loadThread(sources: string[], msgid: string, flags: SourceFlags): Promise<Loaded> {
  const id = bareMsgid(msgid);
  const loaded = await loadForThread(sources, id, flags);
  const node = loaded.forest.nodes.get(id);
  if (!node) throw new UsageError(`no message <${id}> in input`);
  // The index read the unit only (the thread and the series linked to it as versions): keep it all.
  const { indexEnabled } = await import('./collect.js');
  if (indexEnabled(flags)) return loaded;
  // Reading everything (--no-index) also read the other threads: leave them out.
  const root = rootOf(node);
  const inThread = (m: string) => {
    const n = loaded.forest.nodes.get(m);
    return n !== undefined && rootOf(n) === root;
  };
  const { analyse, newCollector } = await import('../pipeline/load.js');
  const col = newCollector();
  for (const [k, m] of loaded.mails) if (inThread(k)) col.mails.set(k, m);
  col.count = loaded.model.messages;
  col.duplicates = loaded.model.duplicates;
  col.errors = loaded.model.errors.filter((e) => !e.msgid || col.mails.has(e.msgid));
  return analyse(col, { sloppyTrailers: flags.sloppyTrailers });
}

// One thread out of local sources: `am SOURCE MSGID` and `tui SOURCE… MSGID`. With the index only the
// unit holding the Message-ID is read (src/index/load.ts); without it (--no-index) everything is read
// and the command picks from it (am its newest revision, the UI the series it opens on). The network
// is never asked.
import { existsSync } from 'node:fs';
import type { Loaded } from '../pipeline/load.js';
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

/**
 * The thread of `msgid` for a review: what loadForThread reads (with the index, the message's unit:
 * its thread and the series linked to it as versions; with --no-index everything, as am reads it, and
 * the UI opens on the message's series). An id the sources do not hold is a usage error (exit 2),
 * worded as am's.
 */
export async function loadThread(sources: string[], msgid: string, flags: SourceFlags): Promise<Loaded> {
  const id = bareMsgid(msgid);
  const loaded = await loadForThread(sources, id, flags);
  if (!loaded.forest.nodes.has(id)) throw new UsageError(`no message <${id}> in input`);
  return loaded;
}

// SOURCE arguments — paths, Message-IDs, lore URLs — and --public-inbox mirrors, turned into messages.
// The network side (sources/lore.js, node:https) loads only when a thread is to be fetched.
import { existsSync } from 'node:fs';
import type { RawMessage } from '../model/mail.js';
import { collectFrom, newCollector, type LoadOptions, type MailCollector } from '../pipeline/load.js';
import { openSource } from '../sources/open.js';
import { SourceError } from '../sources/read.js';
import { cacheRoot } from '../sources/cache.js';
import { checkBaseUrl, parseThreadRef, type ThreadRef } from '../sources/lore-ref.js';
import type { fetchThread, LoreSettings } from '../sources/lore.js';
import { gitConfig } from './config.js';
import { DEFAULT_LORE_URL } from './defaults.js';
import type { RemoteFlags } from './source-options.js';
import type { Selection } from '../index/load.js';

/** Where bare Message-IDs are fetched from: --lore, $LORESCOPE_LORE_URL, git config, lore. */
export function loreBase(flags: RemoteFlags, env: NodeJS.ProcessEnv = process.env): string {
  const candidates: [string | undefined | null, string][] = [
    [flags.lore, '--lore'],
    [env.LORESCOPE_LORE_URL, 'LORESCOPE_LORE_URL'],
  ];
  for (const [value, from] of candidates) if (value) return checked(value, from);
  const fromGit = gitConfig('lorescope.loreUrl');
  return fromGit ? checked(fromGit, 'git config lorescope.loreUrl') : DEFAULT_LORE_URL;
}

function checked(url: string, from: string): string {
  const problem = checkBaseUrl(url, from);
  if (problem) throw new SourceError(problem);
  return url;
}

/** `LORESCOPE_MAX_MBOX_BYTES`: the largest thread download (and its decompressed mbox) accepted. */
function maxBytes(env: NodeJS.ProcessEnv, fallback: number): number {
  const v = env.LORESCOPE_MAX_MBOX_BYTES;
  if (v && /^\d{1,15}$/.test(v) && Number(v) > 0) return Number(v);
  return fallback;
}

const debugOn = () => !!process.env.LORESCOPE_DEBUG;
const debug = (msg: string) => process.stderr.write(`lorescope: ${msg}\n`);

const clearLine = () => process.stderr.write('\r\x1b[K');

function inboxProgress(dir: string): ((n: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (n) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    process.stderr.write(`\r\x1b[Kreading ${dir} from git: ${n} new messages`);
  };
}

function downloadProgress(url: string): ((n: number, total: number | null) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (n, total) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    const mb = (x: number) => (x / 1048576).toFixed(1);
    process.stderr.write(`\r\x1b[Kfetching ${url}: ${mb(n)}${total ? ` of ${mb(total)}` : ''} MiB`);
  };
}

type Planned = { kind: 'path'; path: string } | { kind: 'thread'; ref: ThreadRef };

/** An existing path is read as mail; anything else must be a Message-ID or a lore URL. */
export function planSources(args: string[]): Planned[] {
  return args.map((a) => {
    if (a === '-' || existsSync(a)) return { kind: 'path', path: a };
    const ref = parseThreadRef(a);
    if (ref) return { kind: 'thread', ref };
    throw new SourceError(`${a}: no such file or directory${/^https?:/i.test(a) ? ' (and no Message-ID in the URL)' : ''}`);
  });
}

export interface CollectOptions extends LoadOptions {
  /** What the command needs: everything (default), one thread's unit, or the units active since a date. */
  select?: Selection;
}

/**
 * Read every SOURCE and public-inbox mirror into one collector, in argument order. Threads are all
 * fetched before any parsing, so a network failure comes first; it and any mirror failure throw a
 * SourceError (exit 2), while an unreadable local file becomes an error entry as before. Local files
 * and maildirs go through the on-disk index unless it is turned off: only the selection is read.
 */
export async function collectArgs(args: string[], flags: RemoteFlags, opts: CollectOptions = {}): Promise<MailCollector> {
  return rebuildingOnDamage(() => collectOnce(args, flags, opts));
}

/** The index file went bad under a query (damaged pages): set it aside and run `f` again, once. */
async function rebuildingOnDamage<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof IndexDamaged)) throw e;
    if (debugOn()) debug(`index damaged (${e.message}); rebuilding it`);
    const { discardIndex } = await import('../index/open.js');
    discardIndex(cacheRoot());
    return f();
  }
}

/** Raised through the reading when SQLite reports the index file damaged. */
class IndexDamaged extends Error {}

async function guard<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const { isDamage } = await import('../index/db.js');
    if (isDamage(e)) throw new IndexDamaged((e as Error).message);
    throw e;
  }
}

async function* guarded<T>(it: AsyncIterable<T>): AsyncGenerator<T> {
  const iter = it[Symbol.asyncIterator]();
  for (;;) {
    const r = await guard(() => iter.next());
    if (r.done) return;
    yield r.value;
  }
}

async function collectOnce(args: string[], flags: RemoteFlags, opts: CollectOptions): Promise<MailCollector> {
  if (flags.offline && flags.refresh) throw new SourceError('--offline and --refresh cannot be used together');
  const planned = planSources(args);
  const threads = planned.flatMap((p) => (p.kind === 'thread' ? [p.ref] : []));
  const root = cacheRoot();
  const fetched = new Map<ThreadRef, Awaited<ReturnType<typeof fetchThread>>>();
  let lore: typeof import('../sources/lore.js') | undefined;
  let limit = 0;
  if (threads.length) {
    lore = await import('../sources/lore.js');
    const { fetchThread } = lore;
    limit = maxBytes(process.env, (await import('../sources/http.js')).HTTP_DEFAULTS.maxBytes);
    const settings: LoreSettings = { base: loreBase(flags), cacheRoot: root, refresh: flags.refresh, offline: flags.offline, maxBytes: limit };
    for (const ref of threads) {
      const t = await fetchThread(ref, { ...settings, http: { onProgress: downloadProgress(ref.msgid) } });
      if (process.stderr.isTTY) clearLine();
      if (debugOn()) debug(`thread <${t.msgid}>: ${t.fromCache ? 'from the cache' : 'downloaded'} ${t.url}`);
      fetched.set(ref, t);
    }
  }

  const col = newCollector();
  const indexed = await indexPaths(planned, flags, opts);
  const select = opts.select ?? { kind: 'all' };
  const units = indexed ? await indexed.units(select) : null;
  let fromIndex = 0;
  for (const p of planned) {
    if (p.kind === 'thread') {
      await collectFrom(col, lore!.readThread(fetched.get(p.ref)!, limit), opts);
      continue;
    }
    const sources = indexed?.byArg.get(p);
    if (sources instanceof Error) {
      col.errors.push({ origin: { source: p.path, index: -1 }, severity: 'error', message: sources.message });
      continue;
    }
    try {
      const before = col.count;
      await collectFrom(col, sources ? indexed!.messages(sources, units) : openSource(p.path, opts), opts);
      if (sources) fromIndex += col.count - before;
    } catch (e) {
      if (e instanceof IndexDamaged) throw e;
      col.errors.push({ origin: { source: p.path, index: -1 }, severity: 'error', message: (e as Error).message });
    }
  }
  for (const dir of flags.publicInbox ?? []) {
    const epochs = indexed?.inboxes.get(dir);
    if (epochs) {
      const before = col.count;
      await collectFrom(col, indexed!.messages(epochs, units), opts);
      fromIndex += col.count - before;
    } else await collectFrom(col, await openInbox(dir, flags, opts), opts);
  }
  // A selection read only part of the input; "messages" still counts all of it.
  if (indexed && units !== null) col.count += (await indexed.entries()) - fromIndex;

  return col;
}

/** Index every path argument (a file or directory that cannot be indexed is read as before). */
async function indexPaths(planned: Planned[], flags: RemoteFlags, opts: CollectOptions) {
  const paths = planned.filter((p): p is Extract<Planned, { kind: 'path' }> => p.kind === 'path');
  if ((!paths.length && !flags.publicInbox?.length) || !indexEnabled(flags)) return null;
  const { openIndexOrNull } = await import('../index/open.js');
  const db = openIndexOrNull(cacheRoot(), debugOn() ? debug : undefined);
  if (!db) return null;
  const [{ indexArg, indexInbox }, { unitsFor, entriesOf, indexedMessages }] = await Promise.all([import('../index/catalog.js'), import('../index/load.js')]);
  type Sources = NonNullable<Awaited<ReturnType<typeof indexArg>>>;
  const byArg = new Map<Planned, Sources | Error>();
  for (const p of paths) {
    try {
      const s = await guard(() => indexArg(db, p.path, { mboxrd: opts.mboxrd, maxDecompressed: opts.maxDecompressed, maxMessageBytes: opts.maxMessageBytes, onProgress: opts.onProgress }));
      if (s) byArg.set(p, s);
      if (s && debugOn()) for (const x of s) debug(`index ${x.label}: ${x.refresh}`);
    } catch (e) {
      if (e instanceof IndexDamaged) throw e;
      byArg.set(p, e as Error);
    }
  }
  // A mirror that cannot be read ends the command (exit 2), as reading it directly does.
  const inboxes = new Map<string, Sources>();
  for (const dir of flags.publicInbox ?? []) {
    const stats = { version: 2 as 1 | 2, epochs: 0, fromGit: 0, fromCache: 0, deleted: 0, missing: 0 };
    const onProgress = inboxProgress(dir);
    try {
      inboxes.set(dir, await guard(() => indexInbox(db, dir, { refresh: flags.refresh, onProgress, stats })));
    } finally {
      if (onProgress) clearLine();
    }
    if (debugOn()) {
      debug(`public-inbox ${dir} (v${stats.version}, ${stats.epochs} epoch${stats.epochs === 1 ? '' : 's'}): ${stats.fromGit} read from git, ${stats.fromCache} from the cache, ${stats.deleted} deleted, ${stats.missing} missing`);
    }
  }
  const all = [...[...byArg.values()].flatMap((s) => (s instanceof Error ? [] : s)), ...[...inboxes.values()].flat()];
  return {
    db,
    byArg,
    inboxes,
    units: (sel: Selection) => guard(() => unitsFor(db, all, sel)),
    entries: () => guard(() => entriesOf(db, all)),
    messages: (sources: Sources, units: number[] | null) => guarded(indexedMessages(db, sources, units)),
  };
}

/**
 * The index and its sources when every SOURCE is a local file or directory it holds (no Message-ID,
 * no mirror, no stdin, none unreadable): what a command needs to work unit by unit. Null otherwise.
 */
export async function indexedOnly(args: string[], flags: RemoteFlags, opts: CollectOptions = {}) {
  return rebuildingOnDamage(() => indexedOnlyOnce(args, flags, opts));
}

async function indexedOnlyOnce(args: string[], flags: RemoteFlags, opts: CollectOptions) {
  const planned = planSources(args);
  if (planned.some((p) => p.kind !== 'path')) return null;
  const indexed = await indexPaths(planned, flags, opts);
  if (!indexed) return null;
  const sources = [];
  for (const p of planned) {
    const s = indexed.byArg.get(p);
    if (!s || s instanceof Error) return null;
    sources.push(...s);
  }
  for (const dir of flags.publicInbox ?? []) sources.push(...indexed.inboxes.get(dir)!);
  return { db: indexed.db, sources };
}

/** `--no-index` or LORESCOPE_NO_INDEX turns the index off: a one-shot run leaves nothing behind. */
function indexEnabled(flags: RemoteFlags): boolean {
  const env = process.env.LORESCOPE_NO_INDEX;
  return flags.index !== false && !(env && env !== '0');
}

/** A mirror read straight from git (`--no-index`): its working copy goes to a directory removed after. */
async function openInbox(dir: string, flags: RemoteFlags, opts: LoadOptions): Promise<AsyncIterable<RawMessage>> {
  const [{ readPublicInbox }, { mkdtempSync, rmSync }, { tmpdir }, { join }] = await Promise.all([
    import('../sources/public-inbox.js'), import('node:fs'), import('node:os'), import('node:path'),
  ]);
  const stats = { version: 2 as 1 | 2, epochs: 0, fromGit: 0, fromCache: 0, deleted: 0, missing: 0 };
  const onProgress = inboxProgress(dir);
  const scratch = mkdtempSync(join(tmpdir(), 'lorescope-inbox-'));
  const messages = readPublicInbox(dir, { cacheRoot: scratch, refresh: true, stats, onProgress });
  return (async function* () {
    let first = true;
    try {
      for await (const m of messages) {
        if (first && onProgress) clearLine(); // the git phase is over: make room for the reading count
        first = false;
        yield m;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    if (debugOn()) {
      debug(`public-inbox ${dir} (v${stats.version}, ${stats.epochs} epoch${stats.epochs === 1 ? '' : 's'}): ${stats.fromGit} read from git, ${stats.fromCache} from the cache, ${stats.deleted} deleted, ${stats.missing} missing`);
    }
  })();
}

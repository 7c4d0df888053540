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

/**
 * Read every SOURCE and public-inbox mirror into one collector, in argument order. Threads are all
 * fetched before any parsing, so a network failure comes first; it and any mirror failure throw a
 * SourceError (exit 2), while an unreadable local file becomes an error entry as before.
 */
export async function collectArgs(args: string[], flags: RemoteFlags, opts: LoadOptions = {}): Promise<MailCollector> {
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
  for (const p of planned) {
    if (p.kind === 'thread') {
      await collectFrom(col, lore!.readThread(fetched.get(p.ref)!, limit), opts);
      continue;
    }
    try {
      await collectFrom(col, openSource(p.path, opts), opts);
    } catch (e) {
      col.errors.push({ origin: { source: p.path, index: -1 }, severity: 'error', message: (e as Error).message });
    }
  }
  for (const dir of flags.publicInbox ?? []) await collectFrom(col, await openInbox(dir, flags, opts), opts);
  return col;
}

async function openInbox(dir: string, flags: RemoteFlags, opts: LoadOptions): Promise<AsyncIterable<RawMessage>> {
  const { readPublicInbox } = await import('../sources/public-inbox.js');
  const stats = { version: 2 as 1 | 2, epochs: 0, fromGit: 0, fromCache: 0, deleted: 0, missing: 0 };
  const onProgress = inboxProgress(dir);
  const messages = readPublicInbox(dir, { cacheRoot: cacheRoot(), refresh: flags.refresh, stats, onProgress });
  return (async function* () {
    let first = true;
    for await (const m of messages) {
      if (first && onProgress) clearLine(); // the git phase is over: make room for the reading count
      first = false;
      yield m;
    }
    if (debugOn()) {
      debug(`public-inbox ${dir} (v${stats.version}, ${stats.epochs} epoch${stats.epochs === 1 ? '' : 's'}): ${stats.fromGit} read from git, ${stats.fromCache} from the cache, ${stats.deleted} deleted, ${stats.missing} missing`);
    }
  })();
}

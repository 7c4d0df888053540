// `--public-inbox DIR`: every message of a public-inbox git mirror (v2 epochs or v1).
//
// Each run reads from git only the commits after the last one read per epoch, appends those messages
// to a local log in the cache, and hands out the logged messages plus the new ones with deletions
// applied. So a second run costs one `git rev-parse` per unchanged epoch, and the result is the same
// as reading everything from git again. A history rewrite (public-inbox-purge) or a damaged log
// makes that epoch read anew. A message whose blob the repository lacks (a partial clone, a damaged
// pack) is an error entry naming its commit; the others are read as usual.
import { realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RawMessage } from '../model/mail.js';
import { missingBlobError } from './public-inbox-errors.js';
import { acquireLock, cacheDir, safeName } from './cache.js';
import { inboxLayout, type InboxLayout } from './public-inbox-layout.js';
import { loadState, logPath, readLog, saveState, STATE_FORMAT, type InboxState, type LogRecord } from './public-inbox-log.js';
import { EpochSync, planEpoch, type EpochPlan } from './public-inbox-sync.js';

export interface PublicInboxStats {
  version: 1 | 2;
  epochs: number;
  /** Messages read from git in this run. */
  fromGit: number;
  /** Messages handed out from the local log that earlier runs had read. */
  fromCache: number;
  /** Messages left out because the inbox deleted them. */
  deleted: number;
  /** Messages whose blob the repository lacks, each reported as an error entry. */
  missing: number;
}

export interface PublicInboxOptions {
  cacheRoot: string;
  /** Forget what earlier runs read and read every epoch from git again. */
  refresh?: boolean;
  /** Called now and then with the number of messages read from git so far. */
  onProgress?: (messages: number) => void;
  /** Filled in as the read goes. */
  stats?: PublicInboxStats;
}

/** Deleted blob → the latest position that deletes it; a position orders epochs, then records. */
function deletions(layout: InboxLayout, state: InboxState, live: EpochSync | null): Map<string, number> {
  const out = new Map<string, number>();
  layout.epochs.forEach((e, k) => {
    const dels = live?.plan.epoch.name === e.name ? live.dels : state.epochs[e.name]?.dels ?? [];
    for (const [seq, oid] of dels) {
      const pos = k * 2 ** 32 + seq;
      if ((out.get(oid) ?? -1) < pos) out.set(oid, pos);
    }
  });
  return out;
}

export async function* readPublicInbox(dirArg: string, opts: PublicInboxOptions): AsyncGenerator<RawMessage> {
  const layout = inboxLayout(dirArg);
  const key = realpathSync(layout.dir);
  const dir = cacheDir(opts.cacheRoot, 'public-inbox', safeName(basename(key), key));
  const stats: PublicInboxStats = opts.stats ?? { version: 2, epochs: 0, fromGit: 0, fromCache: 0, deleted: 0, missing: 0 };
  Object.assign(stats, { version: layout.version, epochs: layout.epochs.length, fromGit: 0, fromCache: 0, deleted: 0, missing: 0 });
  let read = 0;
  const onBlob = () => {
    read++;
    if (opts.onProgress && read % 1000 === 0) opts.onProgress(read);
  };

  const release = await acquireLock(join(dir, 'lock'), `the cache of ${dirArg}`);
  let live: EpochSync | null = null;
  try {
    const state: InboxState = opts.refresh ? { format: STATE_FORMAT, inbox: key, epochs: {} } : loadState(dir, key);
    const names = new Set(layout.epochs.map((e) => e.name));
    for (const name of Object.keys(state.epochs)) if (!names.has(name)) delete state.epochs[name];
    const plans: EpochPlan[] = [];
    for (const e of layout.epochs) {
      const plan = await planEpoch(e, state, dir);
      if (plan) plans.push(plan);
    }
    saveState(dir, state);
    // Messages logged by earlier runs, per epoch: everything in an unchanged epoch, the base of a changed one.
    const cached = new Map(layout.epochs.map((e) => [e.name, state.epochs[e.name]?.count ?? 0]));
    for (const p of plans) cached.set(p.epoch.name, p.base.count);
    // Every changed epoch but the last is read to the end here; the last one (usually the only one)
    // is read while its messages are handed out, once its walk has seen every deletion.
    for (const [i, plan] of plans.entries()) {
      const sync = new EpochSync(plan, dir, onBlob);
      if (i < plans.length - 1) {
        live = sync;
        await sync.drain();
        sync.finish(state, dir);
        live = null;
      } else {
        live = sync;
        await sync.listed;
      }
    }

    const deleted = deletions(layout, state, live);
    let index = 0;
    const keep = (rec: LogRecord, pos: number): boolean => {
      // public-inbox-purge leaves an empty blob where a purged message was.
      if (!rec.missing && rec.bytes.length === 0) return false;
      if ((deleted.get(rec.oid) ?? -1) > pos) {
        stats.deleted++;
        return false;
      }
      return true;
    };
    for (const [k, e] of layout.epochs.entries()) {
      const isLive = live?.plan.epoch.name === e.name;
      const logged = isLive ? live!.plan.base : state.epochs[e.name];
      if (!logged) continue;
      const label = layout.version === 2 ? `git/${e.name}.git ` : '';
      const fromCache = cached.get(e.name) ?? 0;
      const origin = (rec: LogRecord) => ({ source: dirArg, index: index++, locator: `${label}${rec.commit}` });
      const message = (rec: LogRecord): RawMessage => {
        if (!rec.missing) return { bytes: rec.bytes, origin: origin(rec) };
        stats.missing++;
        return { bytes: rec.bytes, origin: origin(rec), error: missingBlobError(rec.commit, rec.oid) };
      };
      let i = 0;
      for (const rec of readLog(logPath(dir, e.name), logged.bytes)) {
        const pos = k * 2 ** 32 + i++;
        if (!keep(rec, pos)) continue;
        if (i <= fromCache) stats.fromCache++;
        else stats.fromGit++;
        yield message(rec);
      }
      if (!isLive) continue;
      for await (const rec of live!.records()) {
        const pos = k * 2 ** 32 + i++;
        if (!keep(rec, pos)) continue;
        stats.fromGit++;
        yield message(rec);
      }
      live!.finish(state, dir);
      live = null;
    }
  } finally {
    if (live) await live.abort();
    release();
  }
}

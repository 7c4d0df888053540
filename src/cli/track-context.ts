// What every `lorescope track` subcommand needs: the state database (--state-db, LORESCOPE_STATE_DB,
// git config lorescope.stateDb, else the SQLite file in the XDG state directory), who "I" am, and the
// series a SOURCE / Message-ID names.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Person, SeriesInfo, StateStore } from '../state/index.js';
import { UsageError } from './errors.js';
import { gitConfig } from './config.js';

export interface TrackFlags {
  stateDb?: string;
  as?: string;
}

export function addTrackOptions(cmd: Command): Command {
  return cmd
    .option('--state-db <url>', 'state database: postgres://… shared by a team, or a SQLite file (default $LORESCOPE_STATE_DB, git config lorescope.stateDb, else $XDG_STATE_HOME/lorescope/state.sqlite)')
    .option('--as <who>', 'record as this reviewer, "Name <email>" or an address (default git config user.name/user.email)');
}

export function stateDbSpec(flags: TrackFlags, env: NodeJS.ProcessEnv = process.env): string | null {
  return flags.stateDb ?? (env.LORESCOPE_STATE_DB || null) ?? gitConfig('lorescope.stateDb');
}

export async function openStore(flags: TrackFlags): Promise<StateStore> {
  const { openStateStore, StateError } = await import('../state/index.js');
  try {
    return await openStateStore(stateDbSpec(flags));
  } catch (e) {
    if (e instanceof StateError) throw new UsageError(e.message);
    throw e;
  }
}

/** The reviewer: --as, else git config; null when neither says (reading needs no identity). */
export function me(flags: TrackFlags): Person | null {
  if (flags.as) {
    const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(flags.as) ?? /^\s*()([^<>\s]+@[^<>\s]+)\s*$/.exec(flags.as);
    if (!m) throw new UsageError(`--as "${flags.as}": expected "Name <email>" or an email address`);
    return { name: m[1].replace(/^"|"$/g, ''), email: m[2] };
  }
  const email = gitConfig('user.email');
  return email ? { name: gitConfig('user.name') ?? '', email } : null;
}

export function requireMe(flags: TrackFlags): Person {
  const p = me(flags);
  if (!p) throw new UsageError('who is reviewing? set git config user.email (and user.name), or pass --as "Name <email>"');
  return p;
}

const looksLikeMsgid = (s: string) => /^(id:)?<?[^\s<>@/]+@[^\s<>@/]+>?$/.test(s.trim());

/**
 * The series SOURCE [MSGID] names. A Message-ID the store already tracks is enough by itself (no
 * mail read, no network); anything else is loaded, and the series recorded or refreshed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function resolveSeries(store: StateStore, source: string | undefined, msgid: string | undefined, opts: any): Promise<SeriesInfo> {
  if (source && !msgid && !existsSync(source) && looksLikeMsgid(source)) {
    const known = await store.findSeries(source);
    if (known) return known;
  }
  const [{ loadFromArgs }, { pickSeries }, { seriesInfo }, { warn }, { formatErrors }] = await Promise.all([
    import('./load.js'), import('../am/index.js'), import('../state/index.js'), import('./output.js'), import('../views/series-text.js'),
  ]);
  const loaded = await loadFromArgs(source ? [source] : [], opts);
  const errs = formatErrors({ ...loaded.model, errors: loaded.model.errors.filter((e) => e.severity === 'error') });
  if (errs) warn(errs);
  // A bare Message-ID as SOURCE (fetched from lore) also says which series of its thread is meant.
  const named = msgid ?? (source && !existsSync(source) && looksLikeMsgid(source) ? source : undefined);
  const id = named?.trim().replace(/^id:/, '').replace(/^<|>$/g, '');
  const s = pickSeries(loaded.model.series, id);
  if (!s) throw new UsageError(id ? `no patch series contains <${id}>` : 'no patch series in input');
  const info = seriesInfo(s);
  await store.trackSeries(info);
  return info;
}

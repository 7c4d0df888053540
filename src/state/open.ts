// Opening the review state: a PostgreSQL URL names a team's shared database, anything else a SQLite
// file (default: $XDG_STATE_HOME/lorescope/state.sqlite). Both come out migrated to the newest schema.
import { resolve } from 'node:path';
import { defaultStateDb } from './paths.js';
import { SqlStateStore } from './store.js';
import type { StateStore } from './types.js';

export type StateLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** `postgres://…`/`postgresql://…`, `sqlite:PATH`, a path, or nothing for the default file. */
export function stateLocation(spec: string | null | undefined, env: NodeJS.ProcessEnv): StateLocation {
  const s = spec?.trim();
  if (!s) return { kind: 'sqlite', path: defaultStateDb(env) };
  if (/^postgres(ql)?:\/\//i.test(s)) return { kind: 'postgres', url: s };
  return { kind: 'sqlite', path: resolve(s.replace(/^sqlite:(\/\/)?/i, '')) };
}

export async function openStateStore(spec: string | null | undefined, env: NodeJS.ProcessEnv = process.env): Promise<StateStore> {
  const loc = stateLocation(spec, env);
  const driver = loc.kind === 'postgres'
    ? await (await import('./postgres-driver.js')).openPostgres(loc.url)
    : await (await import('./sqlite-driver.js')).openSqlite(loc.path);
  return SqlStateStore.open(driver);
}

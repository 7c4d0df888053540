// The two places review state can live, for tests that run the same cases on both: a fresh SQLite
// file, and a fresh database on a real PostgreSQL server (helpers/postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from '../../src/state/driver.js';
import { openSqlite } from '../../src/state/sqlite-driver.js';
import { openPostgres } from '../../src/state/postgres-driver.js';
import { postgresForTests } from './postgres.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A spec for --state-db / openStateStore naming a new, empty store. */
  fresh(): Promise<string>;
  driver(spec: string): Promise<Driver>;
}

export async function stateBackends(label: string): Promise<{ backends: Backend[]; cleanup: () => Promise<void> }> {
  const pg = await postgresForTests();
  const tmp = mkdtempSync(join(tmpdir(), 'ls-state-'));
  let files = 0;
  const backends: Backend[] = [{ name: 'sqlite', fresh: async () => join(tmp, `state-${++files}.sqlite`), driver: openSqlite }];
  if (pg) backends.push({ name: 'postgres', fresh: () => pg.createDb(), driver: openPostgres });
  else console.warn(`${label}: no PostgreSQL server binaries here; only the SQLite half runs (under CI=true this is a failure)`);
  return {
    backends,
    async cleanup() {
      await pg?.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// The shared state database: PostgreSQL through pg. Writes run in READ COMMITTED transactions made
// of upserts and appends, so two reviewers writing the same series at once both land; a deadlock or
// serialization failure is retried. Migrations hold an advisory lock so two first runs cannot race.
import { Queue, StateError, type Driver, type Row, type Tx } from './driver.js';

type Pool = import('pg').Pool;
type PoolClient = import('pg').PoolClient;

/** Any fixed number: the advisory lock lorescope's migrations take. */
const MIGRATION_LOCK = 0x6c6f7265;
const RETRIES = 5;
const RETRYABLE = new Set(['40001', '40P01']);
const CONNECT_TIMEOUT_MS = 10_000;

/** The URL as it may be shown: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** `?` placeholders → `$1, $2, …` (lorescope's SQL has no `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function tx(client: PoolClient): Tx {
  return {
    async all(sql, params = []) {
      return (await client.query(numberPlaceholders(sql), params as unknown[])).rows as Row[];
    },
    async run(sql, params = []) {
      return (await client.query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0;
    },
  };
}

function oneLine(e: unknown, where: string): Error {
  if (e instanceof StateError) return e;
  const err = e as { code?: string; message?: string };
  const msg = (err.message ?? String(e)).split('\n')[0];
  if (err.code && /^[0-9A-Z]{5}$/.test(err.code)) return new StateError(`${where}: ${msg} (SQLSTATE ${err.code})`);
  if (err.code) return new StateError(`${where}: cannot reach the state database: ${msg}`);
  return e as Error;
}

export async function openPostgres(url: string): Promise<Driver> {
  const { default: pg } = await import('pg');
  const where = redactUrl(url);
  const pool: Pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'lorescope' });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw oneLine(e, where);
  }
  // Transactions of one process run one after the other, as with SQLite: same behaviour either way.
  const queue = new Queue();
  const inTx = <T>(begin: string, fn: (tx: Tx) => Promise<T>, lock = false) => queue.run(async () => {
    for (let attempt = 1; ; attempt++) {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw oneLine(e, where);
      }
      try {
        await client.query(begin);
        if (lock) await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const out = await fn(tx(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        const code = (e as { code?: string }).code ?? '';
        if (RETRYABLE.has(code) && attempt < RETRIES) continue;
        throw oneLine(e, where);
      } finally {
        client.release();
      }
    }
  });
  return {
    kind: 'postgres',
    where,
    write: (fn) => inTx('BEGIN', fn),
    read: (fn) => inTx('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn),
    exclusive: (fn) => inTx('BEGIN', fn, true),
    close: () => queue.run(() => pool.end()),
  };
}

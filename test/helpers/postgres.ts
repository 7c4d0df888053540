// A real PostgreSQL server for the state tests: the one .ci/run started (LORESCOPE_TEST_PG_URL), else
// one started here from the Debian binaries on 127.0.0.1 and stopped by its PID. Each test gets a
// database of its own. Without binaries the PostgreSQL half is skipped, except under CI=true, where a
// missing server is a failure.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** A new, empty database; its URL. */
  createDb(): Promise<string>;
  stop(): Promise<void>;
  /** Where the server came from, for test names. */
  origin: string;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startOwn(bin: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-pg-'));
  // The server refuses to run as root: as root, hand the directory to the postgres user.
  const asRoot = userInfo().uid === 0;
  const run = (cmd: string, args: string[]) => execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'lorescope', '--no-sync']);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
  const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgres://lorescope@127.0.0.1:${port}/postgres`,
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown.
      if (alive(pid)) process.kill(pid, 'SIGINT');
      for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export async function postgresForTests(): Promise<PgServer | null> {
  let base = process.env.LORESCOPE_TEST_PG_URL ?? '';
  let stop = async () => {};
  let origin = 'LORESCOPE_TEST_PG_URL';
  if (!base) {
    const bin = binDir();
    if (!bin) {
      if (process.env.CI === 'true') throw new Error('CI=true but no PostgreSQL server: set LORESCOPE_TEST_PG_URL (.ci/run does) or install postgresql');
      return null;
    }
    const own = await startOwn(bin);
    base = own.url;
    stop = own.stop;
    origin = `own server (${bin})`;
  }
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  return {
    origin,
    async createDb() {
      const name = `lorescope_t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(base);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      await admin.end().catch(() => {});
      await stop();
    },
  };
}

// HTTP failure handling against a small node:http server on 127.0.0.1 that misbehaves on purpose:
// truncated and oversized gzip, 5xx with retries, short bodies, stalls, redirects, HTML; and the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { cli, corpus } from './helpers/corpus.js';
import { cliAsync } from './helpers/public-inbox-cli.js';
import { downloadToFile } from '../src/sources/http.js';
import { fetchThread } from '../src/sources/lore.js';
import { SourceError } from '../src/sources/read.js';

const MBOX = readFileSync(corpus('b4-samples/trailers-thread-with-followups.mbox'));
const GZ = gzipSync(MBOX);
const ID = '20221025-test1-v1-0-e4f28f57990c@linuxfoundation.org';

let server: Server;
let base = '';
const hits = new Map<string, number>();

function send(res: ServerResponse, body: Buffer, type = 'application/gzip', status = 200): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(body);
}

/** A gzip stream of `size` bytes of mbox-looking text, made on the fly (a "bomb": tiny on the wire). */
function bomb(res: ServerResponse, size: number): void {
  res.writeHead(200, { 'Content-Type': 'application/gzip' });
  const gz = createGzip({ level: 9 });
  gz.pipe(res);
  gz.write('From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: x\n\n');
  const line = Buffer.alloc(1 << 16, 'a');
  let left = size;
  const pump = () => {
    while (left > 0) {
      left -= line.length;
      if (!gz.write(line)) return void gz.once('drain', pump);
    }
    gz.end();
  };
  res.on('close', () => { left = 0; gz.destroy(); });
  pump();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const inbox = path.split('/')[1];
    switch (inbox) {
      case 'ok': return send(res, GZ);
      case 'truncated': return send(res, GZ.subarray(0, Math.floor(GZ.length / 2)));
      case 'bomb': return bomb(res, 8 * 1024 * 1024);
      case 'flaky': return n <= 2 ? send(res, Buffer.from('busy'), 'text/plain', 503) : send(res, GZ);
      case 'broken': return send(res, Buffer.from('oops'), 'text/plain', 500);
      case 'html': return send(res, Buffer.from('<html>not here</html>'), 'text/html');
      case 'moved': res.writeHead(302, { Location: path.replace('/moved/', '/ok/').replace(/@/, '%40') }); return res.end();
      case 'short':
        // Promise more than is sent, then hang up: a connection lost mid-download.
        res.writeHead(200, { 'Content-Length': GZ.length + 100 });
        res.write(GZ);
        return setTimeout(() => res.destroy(), 20);
      case 'stall': return; // never answers
      default: return send(res, Buffer.from('not found'), 'text/plain', 404);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const xdg = () => mkdtempSync(join(tmpdir(), 'ls-xdg-'));
const run = (inbox: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  cliAsync(['series', ID, '--json', '--lore', `${base}/${inbox}/`, ...extra], { env: { XDG_CACHE_HOME: xdg(), ...env } });
const local = JSON.parse(cli(['series', '--json', corpus('b4-samples/trailers-thread-with-followups.mbox')]).stdout);

describe('failures are one line and exit code 2', () => {
  it('truncated gzip', async () => {
    const r = await run('truncated');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lorescope: http:\/\/127\.0\.0\.1:\d+\/truncated\/\S+\/t\.mbox\.gz: corrupt or truncated gzip data \([^\n]*\)\n$/);
  });

  it('oversized gzip (decompressed size limit)', async () => {
    const r = await run('bomb', [], { LORESCOPE_MAX_MBOX_BYTES: String(2 * 1024 * 1024) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lorescope: \S+\/bomb\/\S+: decompressed size exceeds the limit of 2097152 bytes \(refusing a possible gzip bomb\)\n$/);
  });

  it('a 5xx that persists, after the retries', async () => {
    const r = await run('broken');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lorescope: HTTP 500 Internal Server Error from \S+\/broken\/\S+\/t\.mbox\.gz \(3 attempts\)\n$/);
    expect(hits.get(`/broken/${ID}/t.mbox.gz`)).toBe(3);
  });

  it('an HTML page instead of an mbox', async () => {
    const r = await run('html');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lorescope: \S+\/html\/\S+: the server did not send an mbox\n$/);
  });

  it('a download cut short is retried, then reported', async () => {
    const dest = join(xdg(), 'out');
    const err = await downloadToFile(`${base}/short/x`, dest, { retries: 1, backoffMs: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toBe(`cannot fetch ${base}/short/x: connection closed after ${GZ.length} of ${GZ.length + 100} bytes (2 attempts)`);
    expect(hits.get('/short/x')).toBe(2);
    expect(existsSync(dest)).toBe(false);
  });

  it('a server that stops answering times out', async () => {
    const t0 = Date.now();
    const err = await downloadToFile(`${base}/stall/x`, join(xdg(), 'out'), { timeoutMs: 300, retries: 0 }).catch((e) => e);
    expect(err.message).toBe(`cannot fetch ${base}/stall/x: no response within 0.3 s`);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('success paths', () => {
  it('503 twice, then the thread: retried with backoff and read', async () => {
    const r = await run('flaky');
    expect(r.code).toBe(0);
    expect(hits.get(`/flaky/${ID}/t.mbox.gz`)).toBe(3);
    expect(JSON.parse(r.stdout).series).toEqual(local.series);
  });

  it('a redirect is followed', async () => {
    const r = await run('moved');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).series).toEqual(local.series);
  });

  it('the cache: reused while fresh, bypassed by --refresh, the only source with --offline', async () => {
    const env = { XDG_CACHE_HOME: xdg() };
    const path = `/ok/${ID}/t.mbox.gz`;
    const go = (extra: string[]) => cliAsync(['series', ID, '--json', '--lore', `${base}/ok/`, ...extra], { env });
    const before = hits.get(path) ?? 0;
    expect((await go([])).code).toBe(0);
    expect(hits.get(path)).toBe(before + 1);
    const again = await go([]);
    expect(JSON.parse(again.stdout).series).toEqual(local.series);
    expect(hits.get(path)).toBe(before + 1);
    expect((await go(['--refresh'])).code).toBe(0);
    expect(hits.get(path)).toBe(before + 2);
    expect((await go(['--offline'])).code).toBe(0);
    expect(hits.get(path)).toBe(before + 2);
    const files = readdirSync(join(env.XDG_CACHE_HOME, 'lorescope', 'threads'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(env.XDG_CACHE_HOME, 'lorescope', 'threads', files[0]))).toEqual(GZ);
  });

  it('a failed download leaves nothing in the cache', async () => {
    const root = xdg();
    const ref = { msgid: ID, inboxUrl: null };
    await expect(fetchThread(ref, { base: `${base}/truncated/`, cacheRoot: root })).rejects.toThrow(/truncated gzip/);
    expect(readdirSync(join(root, 'threads'))).toEqual([]);
    await expect(fetchThread(ref, { base: `${base}/truncated/`, cacheRoot: root, offline: true })).rejects.toThrow(/not in the cache/);
  });
});

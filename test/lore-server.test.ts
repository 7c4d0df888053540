// `lorescope series MSGID --lore URL` against a real public-inbox-httpd serving a real v2 inbox built
// from corpus mail: the thread fetched over HTTP gives the same series as the mbox file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, corpus } from './helpers/corpus.js';
import { deliver, freePort, havePublicInbox, initInbox, splitMessages, startHttpd, type Httpd, type TestInbox } from './helpers/public-inbox.js';

const THREADS = [
  { file: corpus('b4-samples/trailers-thread-with-followups.mbox'), msgid: '20221025-test1-v1-0-e4f28f57990c@linuxfoundation.org' },
  { file: corpus('patchwork/series/base-cover-letter.mbox'), msgid: '1473632524-8585-1-git-send-email-stephenfinucane@gmail.com' },
  { file: corpus('patchwork/series/mercurial-cover-letter.mbox'), msgid: 'patchbomb.1485159385@nuevo' },
];

const seriesOf = (stdout: string) => JSON.parse(stdout).series;

describe.skipIf(!havePublicInbox)('lore over HTTP: public-inbox-httpd on 127.0.0.1', () => {
  let inbox: TestInbox;
  let httpd: Httpd;
  const cache = () => mkdtempSync(join(tmpdir(), 'ls-xdg-'));

  beforeAll(async () => {
    inbox = initInbox('test', 2);
    deliver(inbox, splitMessages(THREADS.map((t) => t.file)));
    httpd = await startHttpd(inbox);
  });

  afterAll(async () => {
    await httpd?.stop();
  });

  for (const t of THREADS) {
    it(`thread ${t.msgid} equals ${t.file.split('/').slice(-2).join('/')}`, () => {
      const env = { XDG_CACHE_HOME: cache() };
      const remote = cli(['series', t.msgid, '--json', '--lore', httpd.url], { env });
      expect(remote.stderr).toBe('');
      expect(remote.code).toBe(0);
      const local = cli(['series', '--json', t.file]);
      expect(local.code).toBe(0);
      const series = seriesOf(remote.stdout);
      expect(series.length).toBeGreaterThan(0);
      expect(series).toEqual(seriesOf(local.stdout));
      expect(JSON.parse(remote.stdout).messages).toBe(JSON.parse(local.stdout).messages);
    });
  }

  it('every argument form names the same thread; the cache then serves --offline', () => {
    const env = { XDG_CACHE_HOME: cache() };
    const id = THREADS[0].msgid;
    const expected = seriesOf(cli(['series', '--json', THREADS[0].file]).stdout);
    const forms = [`<${id}>`, `id:${id}`, `id:<${id}>`, `${httpd.url}${id}/`, `${httpd.url}${id}/T/#u`, `${httpd.url}${id}/t/`, `${httpd.url}${id}/raw`,
      `${httpd.url}${encodeURIComponent(id)}/t.mbox.gz`];
    for (const form of forms) {
      // URLs name their inbox themselves: the base points elsewhere on purpose.
      const lore = form.startsWith('http') ? 'http://127.0.0.1:9/' : httpd.url;
      const r = cli(['series', form, '--json', '--lore', lore, '--refresh'], { env });
      expect(r.stderr, form).toBe('');
      expect(seriesOf(r.stdout), form).toEqual(expected);
    }
    const offline = cli(['series', id, '--json', '--offline', '--lore', httpd.url], { env });
    expect(offline.code).toBe(0);
    expect(seriesOf(offline.stdout)).toEqual(expected);
    const cached = readdirSync(join(env.XDG_CACHE_HOME, 'lorescope', 'threads'));
    expect(cached.every((n) => /^[A-Za-z0-9._@+-]+$/.test(n))).toBe(true);
  });

  it('the base URL comes from $LORESCOPE_LORE_URL when --lore is absent', () => {
    const r = cli(['series', THREADS[2].msgid, '--json'], { env: { XDG_CACHE_HOME: cache(), LORESCOPE_LORE_URL: httpd.url } });
    expect(r.code).toBe(0);
    expect(seriesOf(r.stdout)).toEqual(seriesOf(cli(['series', '--json', THREADS[2].file]).stdout));
  });

  it('an unknown Message-ID is a one-line error and exit code 2', () => {
    const r = cli(['series', 'no-such-message@example.org', '--lore', httpd.url], { env: { XDG_CACHE_HOME: cache() } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`lorescope: no message <no-such-message@example.org> at ${httpd.url}\n`);
  });

  it('a server that is down is a one-line error and exit code 2', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const r = cli(['series', THREADS[0].msgid, '--lore', `http://127.0.0.1:${port}/test/`], { env: { XDG_CACHE_HOME: cache() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^lorescope: cannot fetch http://127\\.0\\.0\\.1:${port}/test/\\S+/t\\.mbox\\.gz: connection refused \\(3 attempts\\)\\n$`));
    // Two retries with backoff (0.5 s, 1 s) happened before giving up.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
  });

  it('--offline without a cached copy says so, without touching the network', () => {
    const r = cli(['series', THREADS[1].msgid, '--offline', '--lore', httpd.url], { env: { XDG_CACHE_HOME: cache() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`lorescope: <${THREADS[1].msgid}> from ${httpd.url} is not in the cache; run once without --offline\n`);
  });
});

// Which arguments are thread references, and which URL each one is fetched from.
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, inboxUrlFor, isPlausibleMsgid, parseThreadRef, threadMboxUrl } from '../src/sources/lore-ref.js';
import { safeName } from '../src/sources/cache.js';

const ID = '20221025-test1-v1-0-e4f28f57990c@linuxfoundation.org';
const LORE = 'https://lore.kernel.org/';

describe('parseThreadRef', () => {
  it('bare, bracketed and id: forms', () => {
    for (const a of [ID, `<${ID}>`, `id:${ID}`, `id:<${ID}>`, ` ${ID} `]) {
      expect(parseThreadRef(a), a).toEqual({ msgid: ID, inboxUrl: null });
    }
  });

  it('lore URLs in every shape name the list and the Message-ID', () => {
    const forms = ['', '/', '/T/', '/T/#u', '/t/', '/raw', '/t.mbox.gz', '/#r', '/?x=1'];
    for (const f of forms) {
      expect(parseThreadRef(`https://lore.kernel.org/linux-mm/${ID}${f}`), f).toEqual({ msgid: ID, inboxUrl: 'https://lore.kernel.org/linux-mm/' });
    }
  });

  it('percent-encoded Message-IDs are decoded; "/" inside one survives', () => {
    expect(parseThreadRef('https://lore.kernel.org/all/a%2Fb%40example.org/')).toEqual({ msgid: 'a/b@example.org', inboxUrl: 'https://lore.kernel.org/all/' });
    expect(parseThreadRef('https://lore.kernel.org/all/%3Cx%40y%3E/')).toEqual({ msgid: 'x@y', inboxUrl: 'https://lore.kernel.org/all/' });
  });

  it('a URL without a list (lore /r/, a bare host) uses the configured base', () => {
    expect(parseThreadRef(`https://lore.kernel.org/r/${ID}`)).toEqual({ msgid: ID, inboxUrl: null });
    expect(parseThreadRef(`https://patch.msgid.link/${ID}`)).toEqual({ msgid: ID, inboxUrl: null });
  });

  it('paths, plain words and junk are not thread references', () => {
    for (const a of ['patches/', 'series.mbox', 'dir/a@b.mbox', 'a b@c', '<a b@c>', 'id:', '<>', 'https://lore.kernel.org/linux-mm/',
      'ftp://x/a@b/', 'https://lore.kernel.org/all/%E0%A4%A@x/', 'x'.repeat(600) + '@y']) {
      expect(parseThreadRef(a), a).toBeNull();
    }
  });

  it('control characters and angle brackets are never part of a Message-ID', () => {
    expect(isPlausibleMsgid('a\u0000b@c')).toBe(false);
    expect(isPlausibleMsgid('a>b@c')).toBe(false);
    expect(isPlausibleMsgid('a@b')).toBe(true);
    // `..` as a path segment (escaped or not) would leave the inbox.
    expect(parseThreadRef('<..>')).toBeNull();
    expect(parseThreadRef('id:.')).toBeNull();
  });
});

describe('the URL a thread is fetched from', () => {
  it('a base that is a host gets all/; a base with a path is an inbox', () => {
    const ref = { msgid: ID, inboxUrl: null };
    expect(threadMboxUrl(ref, LORE)).toBe(`https://lore.kernel.org/all/${ID}/t.mbox.gz`);
    expect(threadMboxUrl(ref, 'https://lore.kernel.org')).toBe(`https://lore.kernel.org/all/${ID}/t.mbox.gz`);
    expect(threadMboxUrl(ref, 'http://127.0.0.1:8080/test/')).toBe(`http://127.0.0.1:8080/test/${ID}/t.mbox.gz`);
    expect(threadMboxUrl(ref, 'http://127.0.0.1:8080/test')).toBe(`http://127.0.0.1:8080/test/${ID}/t.mbox.gz`);
  });

  it('a URL that names a list wins over the base', () => {
    const ref = parseThreadRef(`https://lore.kernel.org/linux-mm/${ID}/T/`)!;
    expect(inboxUrlFor(ref, 'http://127.0.0.1:1/other/')).toBe('https://lore.kernel.org/linux-mm/');
  });

  it('Message-IDs are escaped in the path: "/", "%", "?" and "#" cannot change the URL', () => {
    const ref = { msgid: 'a/b%c?d#e@x', inboxUrl: null };
    expect(threadMboxUrl(ref, LORE)).toBe('https://lore.kernel.org/all/a%2Fb%25c%3Fd%23e@x/t.mbox.gz');
  });

  it('only http(s) bases are accepted', () => {
    expect(checkBaseUrl('ftp://x/', '--lore')).toBe('--lore: only http and https URLs are supported: ftp://x/');
    expect(checkBaseUrl('lore', '--lore')).toBe('--lore: not a URL: lore');
    expect(checkBaseUrl(LORE, '--lore')).toBeNull();
  });
});

describe('cache file names from untrusted keys', () => {
  it('never contain a path separator or start with a dot, and differ for different keys', () => {
    const keys = ['../../etc/passwd@x', '.hidden@x', 'a/b@c', 'a_b@c', 'x'.repeat(500) + '@y', 'ünïcode@x', '\u0000@x'];
    const names = keys.map((k) => safeName(k, 'https://lore.kernel.org/all/'));
    for (const n of names) {
      expect(n).toMatch(/^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/);
      expect(n.length).toBeLessThanOrEqual(97);
    }
    expect(new Set(names).size).toBe(keys.length);
    expect(safeName('a@b', 'https://one/')).not.toBe(safeName('a@b', 'https://two/'));
  });
});

// The in-code mailinfo against the real `git mailinfo --scissors` on every mail of the corpus, and the
// Python date/address renderings b4 relies on against values Python itself printed.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupSubject, isScissorsLine, mailinfo, splitFrom } from '../src/am/mailinfo.js';
import { pythonDate } from '../src/am/pydate.js';
import { formatAddr } from '../src/am/address.js';
import { textwrap, wrapHeader } from '../src/am/wrap.js';
import { loadSources } from '../src/pipeline/load.js';
import { corpus, hasCommand } from './helpers/corpus.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

function gitMailinfo(from: string, subject: string, date: string, body: string): { info: Record<string, string>; m: string; p: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lorescope-mi-'));
  const msg = `From: ${from}\nDate: ${date}\nSubject: ${subject}\nMIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n${body}`;
  const out = execFileSync('git', ['mailinfo', '--encoding=UTF-8', '--scissors', join(dir, 'm'), join(dir, 'p')], { input: msg, encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) info[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return { info, m: readFileSync(join(dir, 'm'), 'utf8'), p: readFileSync(join(dir, 'p'), 'utf8') };
}

const sources = [
  ...files(corpus('kernel/debian-patches')),
  ...files(corpus('patchwork/mail')),
  ...files(corpus('b4-samples')).filter((f) => f.endsWith('.mbox')),
  corpus('kernel/series/damon-5.15.mbox'),
  corpus('kernel/series/folio-5.17.mbox'),
  ...files(corpus('patchwork/series')).filter((f) => f.endsWith('.mbox')),
];

describe.skipIf(!hasCommand('git'))('mailinfo matches git mailinfo --scissors', () => {
  it('on the corpus mails: author, email, subject, date, message and patch', async () => {
    const loaded = await loadSources(sources);
    let compared = 0;
    for (const mail of loaded.mails.values()) {
      const body = (mail.patch ?? mail.body).replace(/\r\n|\r/g, '\n');
      if (body.includes('\0')) continue;
      const from = mail.from.name ? `${mail.from.name} <${mail.from.email}>` : mail.from.email;
      const want = gitMailinfo(from, mail.subject, mail.dateRaw, body);
      const got = mailinfo({ from, subject: mail.subject, date: mail.dateRaw }, body);
      const where = `${mail.origin.source} <${mail.msgid}>`;
      expect({ where, author: got.author, email: got.email, subject: got.subject, date: got.date })
        .toEqual({ where, author: want.info.Author ?? '', email: want.info.Email ?? '', subject: want.info.Subject ?? '', date: want.info.Date ?? '' });
      expect({ where, m: got.message, p: got.patch }).toEqual({ where, m: want.m, p: want.p });
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('in-body headers, scissors and format-patch separators', () => {
    const bodies = [
      '\n\nFrom: "Doe, J." <jd@example.org>\nDate: yesterday\n\nbody\n---\ndiff --git a/x b/x\n',
      'From: Someone Else <else@example.org>\nSubject: [PATCH v3 2/2] in-body\n subject continued\n\nText\n\n-- >8 --\nSubject: after the cut\n\nreal text\n---\n a | 1 +\n',
      '>From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: X Y <x@y.org>\n\nmsg\ndiff -u a b\n',
      '[PATCH] old-style subject line\n\nbody\nIndex: foo.c\n',
      'no break here\n--- \nnot a separator?\n',
      'trailing\n---',
    ];
    for (const body of bodies) {
      const want = gitMailinfo('Main Author <main@example.org>', '[PATCH] main subject', 'Tue, 30 Aug 2022 11:19:07 -0400', body);
      const got = mailinfo({ from: 'Main Author <main@example.org>', subject: '[PATCH] main subject', date: 'Tue, 30 Aug 2022 11:19:07 -0400' }, body);
      expect([got.author, got.email, got.subject, got.date, got.message, got.patch])
        .toEqual([want.info.Author, want.info.Email, want.info.Subject, want.info.Date, want.m, want.p]);
    }
  });
});

describe('git and Python details b4 depends on', () => {
  it('cleans subjects and From lines like mailinfo', () => {
    expect(cleanupSubject('Re: [PATCH v2 1/3] [net] foo   bar')).toBe('foo   bar');
    expect(cleanupSubject('[RFC][PATCH] re: thing')).toBe('thing');
    expect(cleanupSubject('Reorder the list')).toBe('Reorder the list');
    expect(splitFrom('"Ryabitsev, Konstantin" <k@example.org>')).toEqual({ author: 'Ryabitsev, Konstantin', email: 'k@example.org' });
    expect(splitFrom('k@example.org (Konstantin)')).toEqual({ author: 'Konstantin', email: 'k@example.org' });
    expect(splitFrom('<k@example.org>')).toEqual({ author: 'k@example.org', email: 'k@example.org' });
    expect(isScissorsLine('-- >8 --\n')).toBe(true);
    expect(isScissorsLine('--- a/file\n')).toBe(false);
  });

  it('re-prints dates the way Python email does (values printed by Python 3.11)', () => {
    expect(pythonDate('Tue,  5 Mar 2024 10:00:00 +0100')).toBe('Tue, 05 Mar 2024 10:00:00 +0100');
    expect(pythonDate('Tue, 5 Mar 2024 10:00:00 +0100 (CET)')).toBe('Tue, 05 Mar 2024 10:00:00 +0100');
    expect(pythonDate('5 Mar 2024 10:00:00 -0000')).toBe('Tue, 05 Mar 2024 10:00:00 -0000');
    expect(pythonDate('Tue, 5 Mar 2024 10:00:00 GMT')).toBe('Tue, 05 Mar 2024 10:00:00 +0000');
    expect(pythonDate('Tue, 5 Mar 2024 10:00 +0100')).toBe('Tue, 05 Mar 2024 10:00:00 +0100');
    expect(pythonDate('garbage date')).toBe('garbage date');
    // The weekday is recomputed from the date, as Python does.
    expect(pythonDate('Mon, 30 Aug 2022 11:19:07 -0400')).toBe('Tue, 30 Aug 2022 11:19:07 -0400');
  });

  it('formats addresses and wraps long headers like b4', () => {
    expect(formatAddr('Ryabitsev, Konstantin', 'k@example.org')).toBe('"Ryabitsev, Konstantin" <k@example.org>');
    expect(formatAddr('Unicôdé Nàmè', 'x@example.org')).toBe('Unicôdé Nàmè <x@example.org>');
    expect(formatAddr('x@example.org', 'x@example.org')).toBe('x@example.org');
    expect(formatAddr('', 'x@example.org')).toBe('x@example.org');
    // From b4's own header-wrapping test.
    expect(wrapHeader('X-Header', 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'))
      .toBe('X-Header: Lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n eiusmod tempor incididunt ut labore et dolore magna aliqua');
    expect(wrapHeader('X-Header', 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiu'))
      .toBe('X-Header: Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiu');
    const longId = '<20240319-very-long-message-id-that-spans-multiple-lines-for-sure-because-longer-than-75-characters-abcde123456@longdomain.example.com>';
    expect(wrapHeader('Message-ID', longId)).toBe(`Message-ID: ${longId}`);
    expect(textwrap('a bb ccc', 4)).toEqual(['a bb', ' ccc']);
  });
});

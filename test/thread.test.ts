// Threading: ghosts for missing parents, loops broken, subjects never used.
import { describe, expect, it } from 'vitest';
import { buildThreads } from '../src/thread/build.js';
import { parseMail } from '../src/mail/parse.js';
import type { Mail } from '../src/model/mail.js';

function mail(id: string, headers: string, subject = 'x'): Mail {
  const raw = `Message-ID: <${id}>\nFrom: A <a@example.org>\nSubject: ${subject}\n${headers}\n\nbody\n`;
  return parseMail({ bytes: Buffer.from(raw), origin: { source: 't', index: 0 } }).mail;
}

describe('buildThreads', () => {
  it('keeps a ghost for a missing parent and hangs siblings under it', () => {
    const f = buildThreads([mail('b', 'In-Reply-To: <a>\nReferences: <a>'), mail('c', 'References: <a>\nIn-Reply-To: <a>')]);
    const ghost = f.nodes.get('a')!;
    expect(ghost.mail).toBeUndefined();
    expect(ghost.children.map((n) => n.msgid).sort()).toEqual(['b', 'c']);
    expect(f.roots.map((r) => r.msgid)).toEqual(['a']);
  });
  it('In-Reply-To wins over a stale last reference', () => {
    const f = buildThreads([mail('p', ''), mail('q', 'In-Reply-To: <p>'), mail('r', 'References: <p>\nIn-Reply-To: <q>')]);
    expect(f.nodes.get('r')!.parent!.msgid).toBe('q');
  });
  it('breaks reference loops', () => {
    const f = buildThreads([mail('a', 'In-Reply-To: <b>'), mail('b', 'In-Reply-To: <a>')]);
    const a = f.nodes.get('a')!;
    const b = f.nodes.get('b')!;
    expect(a.parent === b && b.parent === a).toBe(false);
    expect(f.roots.length).toBe(1);
  });
  it('a self reference is ignored', () => {
    const f = buildThreads([mail('a', 'In-Reply-To: <a>\nReferences: <a>')]);
    expect(f.nodes.get('a')!.parent).toBeNull();
  });
  it('same subject without references is not threaded', () => {
    const f = buildThreads([mail('a', '', 'Re: topic'), mail('b', '', 'Re: topic')]);
    expect(f.roots.length).toBe(2);
  });
});

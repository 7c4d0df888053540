// One person across addresses: the same name under two addresses in one real thread, the tree's real
// .mailmap (Linux 6.12), and the evidence a name alone must not be taken for.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { resolveIdentities, type Mention } from '../src/review/identity.js';
import { affiliation, baseName, matchPerson, personNameKey } from '../src/review/people.js';
import { parsePerson } from '../src/series/trailers.js';
import { cli, corpus } from './helpers/corpus.js';
import { MAINTAINERS, maintainersAnalysers } from './digest-helpers.js';

const TARBALL = '/usr/src/linux-source-6.12.tar.xz';
const hasTarball = existsSync(TARBALL);
if (!hasTarball) console.warn(`SKIPPED: ${TARBALL} not found; the real .mailmap was not tried`);

/** A kernel tree with MAINTAINERS-6.12 and the real 6.12 .mailmap (the tarball's first entries). */
function treeWithMailmap(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-tree-'));
  execFileSync('tar', ['-xJf', TARBALL, '-C', dir, '--occurrence=1', 'linux-source-6.12/.mailmap']);
  const root = join(dir, 'linux-source-6.12');
  symlinkSync(MAINTAINERS, join(root, 'MAINTAINERS'));
  return root;
}

describe('names', () => {
  it('drop a trailing affiliation, b4\'s relay suffix and a doubled name; keep the affiliation apart', () => {
    expect(baseName('"David Hildenbrand (Arm)"')).toBe('David Hildenbrand');
    expect(affiliation('David Hildenbrand (Arm)')).toBe('Arm');
    expect(baseName('Jiri Slaby (SUSE)')).toBe('Jiri Slaby');
    expect(baseName('Zachary Goldstein via B4 Relay')).toBe('Zachary Goldstein');
    expect(baseName('Arun George/Arun George')).toBe('Arun George');
    expect(baseName('Kirill A. Shutemov')).toBe('Kirill A. Shutemov');
    expect(personNameKey('Michal Koutný')).toBe(personNameKey('Michal Koutny'));
    expect(personNameKey('Koutný, Michal')).toBe('michal koutny');
    expect(matchPerson({ name: 'David Hildenbrand (Arm)', email: 'david@kernel.org' }, { name: 'David Hildenbrand', email: 'david@redhat.com' })).toBe('name');
  });

  it('initials and one word are not enough to tie anyone', () => {
    expect(personNameKey('J. Smith')).toBeNull();
    expect(personNameKey('Michal')).toBeNull();
    expect(personNameKey('  ')).toBeNull();
    const idx = resolveIdentities([
      { who: { name: 'J. Smith', email: 'js@a.example' }, source: 'thread' },
      { who: { name: 'J. Smith', email: 'js@b.example' }, source: 'thread' },
    ]);
    expect(idx.groups).toHaveLength(2);
  });
});

describe('the same name under two addresses in one real thread (threads/015: Waiman Long)', async () => {
  const loaded = await loadSources([corpus('real', 'threads', '015.mbox')]);
  const review = buildReview(loaded, maintainersAnalysers());
  const senders = new Map<string, number>();
  for (const m of loaded.mails.values()) if (/waiman long/i.test(m.from.name)) senders.set(m.from.email.toLowerCase(), (senders.get(m.from.email.toLowerCase()) ?? 0) + 1);

  it('is one person, with the messages from both addresses', () => {
    expect([...senders.keys()].sort()).toEqual(['llong@redhat.com', 'longman@redhat.com']);
    const people = review.series.flatMap((s) => s.discussion.people.filter((p) => /Waiman Long/.test(p.name)));
    for (const s of review.series) expect(s.discussion.people.filter((p) => /Waiman Long/.test(p.name)).length).toBeLessThanOrEqual(1);
    const both = people.find((p) => p.emails.includes('llong@redhat.com') && p.emails.includes('longman@redhat.com'));
    expect(both).toBeTruthy();
    expect(both!.joins.map((j) => j.by)).toEqual(['name']);
    const total = review.series.flatMap((s) => s.discussion.people).filter((p) => /Waiman Long/.test(p.name)).reduce((n, p) => n + p.messages, 0);
    expect(total).toBe([...senders.values()].reduce((a, b) => a + b, 0));
  });
});

describe.skipIf(!hasTarball)("the tree's .mailmap (linux-source-6.12)", () => {
  it('ties Shakeel Butt <shakeelb@google.com> to the memcg entry <shakeel.butt@linux.dev> by .mailmap, not by name', () => {
    const file = corpus('real', 'threads', '005.mbox');
    const memcg = (j: { series: { discussion: { people: { emails: string[]; roles: { section: string; matchedBy: string }[] }[] } }[] }) =>
      j.series.flatMap((s) => s.discussion.people).find((p) => p.emails.includes('shakeelb@google.com'))!.roles.find((r) => r.section === 'CONTROL GROUP - MEMORY RESOURCE CONTROLLER (MEMCG)');
    const plain = JSON.parse(cli(['series', '--json', '--maintainers', MAINTAINERS, file]).stdout);
    expect(memcg(plain)).toMatchObject({ matchedBy: 'name' });
    const tree = treeWithMailmap();
    expect(readFileSync(join(tree, '.mailmap'), 'utf8')).toMatch(/^Shakeel Butt <shakeel\.butt@linux\.dev> <shakeelb@google\.com>$/m);
    const r = cli(['series', '--json', '--tree', tree, file]);
    expect(r.code).toBe(0);
    const withMap = JSON.parse(r.stdout);
    expect(withMap.mailmap).toBe(join(tree, '.mailmap'));
    expect(memcg(withMap)).toMatchObject({ matchedBy: 'mailmap', listed: { email: 'shakeel.butt@linux.dev' } });
  });
});

describe('a name alone ties nobody when MAINTAINERS has two people of that name', () => {
  // MAINTAINERS-6.12 lists two different "Bin Liu"s: MUSB (TI) and MEDIATEK JPEG DRIVER, each under one address.
  const listed = readFileSync(MAINTAINERS, 'utf8').split('\n').filter((l) => /^[MR]:\s*Bin Liu </.test(l)).map((l) => parsePerson(l.slice(2).trim())!);
  const emails = [...new Set(listed.map((a) => a.email))].sort();
  const stranger = { name: 'Bin Liu', email: 'bin.liu@example.org' };

  it('reports the name as ambiguous and leaves the stranger apart from both', () => {
    expect(emails).toEqual(['b-liu@ti.com', 'bin.liu@mediatek.com']);
    const mentions: Mention[] = [{ who: stranger, source: 'thread' }, ...listed.map((who): Mention => ({ who, source: 'listed' }))];
    const idx = resolveIdentities(mentions);
    expect(idx.groupOf(stranger)).not.toBe(idx.groupOf(listed[0]));
    for (const l of listed) expect(idx.evidence(stranger, l)).toBeNull();
    expect(idx.ambiguousNames).toEqual([{ name: 'bin liu', emails }]);
  });

  it('with one of them listed, the same name ties, reported as a tie by name', () => {
    const one = listed.find((a) => a.email === 'b-liu@ti.com')!;
    const idx = resolveIdentities([{ who: stranger, source: 'thread' }, { who: one, source: 'listed' }]);
    expect(idx.evidence(stranger, one)).toBe('name');
    expect(idx.groups[idx.groupOf(stranger)].joins).toEqual([{ email: 'b-liu@ti.com', to: 'bin.liu@example.org', by: 'name' }]);
    expect(idx.ambiguousNames).toEqual([]);
  });
});

describe('addresses', () => {
  it('b4\'s forgiveness: +tags and one more subdomain level are the same address', () => {
    const idx = resolveIdentities([
      { who: { name: 'Tejun Heo', email: 'tj@kernel.org' }, source: 'listed' },
      { who: { name: 'tj', email: 'TJ+cgroup@kernel.org' }, source: 'thread' },
      { who: { name: '', email: 'tj@mail.kernel.org' }, source: 'thread' },
    ]);
    expect(idx.groups).toHaveLength(1);
    expect(idx.evidence({ name: '', email: 'tj@mail.kernel.org' }, { name: 'Tejun Heo', email: 'tj@kernel.org' })).toBe('email');
  });

  it('a From rewritten by a list ties nobody by the list\'s address', () => {
    const a = { name: 'Ann Other via Linux-foo', email: 'linux-foo@lists.example.org' };
    const b = { name: 'Bob Person via Linux-foo', email: 'linux-foo@lists.example.org' };
    const idx = resolveIdentities([{ who: a, source: 'thread' }, { who: b, source: 'thread' }, { who: { name: 'Ann Other', email: 'ann@example.org' }, source: 'listed' }]);
    expect(idx.groupOf(a)).not.toBe(idx.groupOf(b));
    expect(idx.evidence(a, { name: 'Ann Other', email: 'ann@example.org' })).toBe('name');
  });
});

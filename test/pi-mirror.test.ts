// scripts/pi-mirror.mjs writes the commits public-inbox itself writes: the same author, author date,
// committer and commit date and subject as public-inbox-mda gives the same real messages, and each
// message byte for byte in blob `m` (public-inbox-mda drops a few delivery headers; the mirror of an
// archive keeps them, as lore's epochs do).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMirror, isolatedEnv, mboxMessages } from '../scripts/pi-mirror.mjs';
import { corpus } from './helpers/corpus.js';
import { deliver, havePublicInbox, initInbox } from './helpers/public-inbox.js';

const header = (m: Buffer, name: string) => new RegExp(`^${name}:(.*(?:\\n[ \\t].*)*)`, 'im').exec(m.toString('latin1'))?.[1] ?? '';

/** Real messages whose headers take some reading: RFC 2047 names, `addr (Name)`, folded subjects. */
async function chosen(): Promise<Buffer[]> {
  const rfc = await mboxMessages(corpus('real/rfc-v4/private-memory-nodes-v4.mbox'));
  const encoded = (await mboxMessages(corpus('real/threads/027.mbox'))).filter((m) => /^=\?/.test(header(m, 'From').trim()));
  const comment = (await mboxMessages(corpus('real/threads/022.mbox'))).filter((m) => /^\s*\S+@\S+ \(.+\)\s*$/.test(header(m, 'From'))).slice(0, 2);
  const folded = rfc.filter((m) => /\n[ \t]/.test(header(m, 'Subject'))).slice(0, 1);
  expect(encoded.length).toBeGreaterThan(0);
  expect(comment).toHaveLength(2);
  expect(folded).toHaveLength(1);
  return [...rfc.slice(0, 3), ...encoded, ...comment, ...folded];
}

function asMboxrd(msgs: Buffer[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ls-pim-')), 'chosen.mbox');
  writeFileSync(file, Buffer.concat(msgs.flatMap((m) => [Buffer.from('From mboxrd@z Thu Jan  1 00:00:00 1970\n'), Buffer.from(m.toString('latin1').replace(/^(>*From )/gm, '>$1'), 'latin1'), Buffer.from('\n')])));
  return file;
}

const log = (gitDir: string, format: string) =>
  execFileSync('git', ['--git-dir', gitDir, 'log', '--reverse', '--date=raw', `--format=${format}`], { env: isolatedEnv(), encoding: 'utf8' }).trimEnd().split('\n');

describe.skipIf(!havePublicInbox)('a mirror built by scripts/pi-mirror.mjs', () => {
  it('has the commits public-inbox-mda writes for the same real messages', async () => {
    const msgs = await chosen();
    const inbox = initInbox('cgroups', 2);
    deliver(inbox, msgs);
    const mirror = await buildMirror(asMboxrd(msgs), join(inbox.root, 'built'), { ident: `cgroups <${inbox.address}>` });
    expect(mirror.count).toBe(msgs.length);
    const fields = '%an|%ae|%ad|%cn|%ce|%cd|%s';
    expect(log(mirror.epochs[0], fields)).toEqual(log(join(inbox.dir, 'git', '0.git'), fields));
    // One commit per message, each holding only `m`: the message itself.
    const trees = log(mirror.epochs[0], '%H');
    expect(trees).toHaveLength(msgs.length);
    trees.forEach((commit, i) => {
      expect(execFileSync('git', ['--git-dir', mirror.epochs[0], 'ls-tree', '--name-only', commit], { env: isolatedEnv(), encoding: 'utf8' })).toBe('m\n');
      expect(execFileSync('git', ['--git-dir', mirror.epochs[0], 'cat-file', 'blob', `${commit}:m`], { env: isolatedEnv() }).equals(msgs[i])).toBe(true);
    });
  });
});

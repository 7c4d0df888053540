// Which git repositories make up a public-inbox: v2 keeps epochs in `DIR/git/N.git` (all.git only
// borrows their objects), v1 is one bare repository.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceError } from './read.js';

export interface Epoch {
  /** `0`, `1`, … for v2; `v1` for a v1 inbox. */
  name: string;
  gitDir: string;
}

export interface InboxLayout {
  version: 1 | 2;
  dir: string;
  epochs: Epoch[];
}

function isBareRepo(dir: string): boolean {
  return existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects')) && existsSync(join(dir, 'refs'));
}

export function inboxLayout(dirArg: string): InboxLayout {
  const dir = resolve(dirArg);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new SourceError(`${dirArg}: no such directory`);
  }
  if (!st.isDirectory()) throw new SourceError(`${dirArg}: not a directory`);
  const gitDir = join(dir, 'git');
  if (existsSync(gitDir)) {
    const epochs = readdirSync(gitDir)
      .map((n) => /^(\d{1,6})\.git$/.exec(n))
      .filter((m): m is RegExpExecArray => m !== null && isBareRepo(join(gitDir, m[0])))
      .map((m) => ({ name: m[1], gitDir: join(gitDir, m[0]) }))
      .sort((a, b) => Number(a.name) - Number(b.name));
    if (epochs.length) return { version: 2, dir, epochs };
  }
  if (isBareRepo(dir)) return { version: 1, dir, epochs: [{ name: 'v1', gitDir: dir }] };
  throw new SourceError(`${dirArg}: not a public-inbox (no git/N.git epochs, not a bare git repository)`);
}

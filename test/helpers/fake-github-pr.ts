// Pull requests for the fake GitHub made from real series: each `From <sha> …` mail of a
// format-patch mbox is one commit, served as GitHub serves a commit's `.patch`.
import { readFileSync } from 'node:fs';
import type { FakePull } from './fake-github.js';

export function commitsOf(mboxPath: string): { sha: string; patch: string }[] {
  const text = readFileSync(mboxPath, 'utf8');
  const starts = [...text.matchAll(/^From ([0-9a-f]{40}) Mon Sep 17 00:00:00 2001$/gm)];
  return starts.map((m, i) => ({ sha: m[1], patch: text.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : text.length) }));
}

export function pullFromMbox(mboxPath: string, o: Partial<FakePull> = {}): FakePull {
  const commits = commitsOf(mboxPath);
  return {
    title: 'A series from a pull request',
    body: 'Why this series exists.\r\n\r\nIt is read from GitHub.',
    user: { login: 'octo-dev', id: 4242 },
    created_at: '2024-03-10T12:00:00Z',
    head: { sha: commits[commits.length - 1].sha, ref: 'topic' },
    base: { sha: 'b'.repeat(40), ref: 'main' },
    commits,
    ...o,
  };
}

// Test support for the am tests: a throw-away git repository holding the pre-image a series needs,
// rebuilt from the series' own hunks (context and removed lines), gaps filled with filler lines.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const IDENTITY = { name: 'Test Override', email: 'test-override@example.com' };

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: IDENTITY.name,
  GIT_AUTHOR_EMAIL: IDENTITY.email,
  GIT_COMMITTER_NAME: IDENTITY.name,
  GIT_COMMITTER_EMAIL: IDENTITY.email,
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Pre-image lines of every file, taken from the first patch that touches it. */
export function preimages(mbox: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let current: string[] | null = null;
  let oldLine = 0;
  for (const line of mbox.split('\n')) {
    const d = /^diff --git a\/(\S+) b\/\S+$/.exec(line);
    if (d) {
      current = files.has(d[1]) ? null : [];
      if (current) files.set(d[1], current);
      continue;
    }
    const h = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
    if (h) { oldLine = Number(h[1]); continue; }
    if (!current || oldLine === 0) continue;
    if (line.startsWith(' ') || line.startsWith('-')) {
      if (line.startsWith('---')) continue;
      while (current.length < oldLine - 1) current.push(`filler line ${current.length + 1}`);
      current[oldLine - 1] = line.slice(1);
      oldLine++;
    } else if (!line.startsWith('+')) oldLine = 0;
  }
  return files;
}

/** A repository with one commit holding the pre-images the mbox's patches apply to. */
export function repoFor(mbox: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorescope-am-'));
  git(dir, ['init', '-q', '-b', 'main']);
  for (const [path, lines] of preimages(mbox)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), lines.map((l) => l + '\n').join(''));
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  return dir;
}

/** Apply an am-ready mbox with `git am` and return `git log` in the given format for the new commits. */
export function amAndLog(mbox: string, am: string, format: string): string {
  const dir = repoFor(mbox);
  const file = join(dir, '.git', 'series.mbox');
  writeFileSync(file, am);
  git(dir, ['am', '-q', file]);
  return git(dir, ['log', `--format=${format}`, 'HEAD~' + (am.split('\nFrom git@z ').length) + '..HEAD']);
}

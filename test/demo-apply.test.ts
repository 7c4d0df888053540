// The bundled demo series (patches/) must be real, appliable git mail: each version applies with
// `git am` to the fake base tree in patches/base-tree, at exactly the line numbers its hunks state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/corpus.js';

const PATCHES = join(ROOT, 'patches');
const VERSIONS = [
  { file: 'fenced-nodes-v1.mbox', patches: 2 },
  { file: 'fenced-nodes-v2.mbox', patches: 5 },
];

// Fixed identity and dates make the base commit reproducible: its id is the cover letters' base-commit.
function gitEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'lorescope demo',
    GIT_AUTHOR_EMAIL: 'demo@lorescope.invalid',
    GIT_COMMITTER_NAME: 'lorescope demo',
    GIT_COMMITTER_EMAIL: 'demo@lorescope.invalid',
    GIT_AUTHOR_DATE: '2024-02-26T09:00:00Z',
    GIT_COMMITTER_DATE: '2024-02-26T09:00:00Z',
  };
}

let work: string;
let repo: string;
let env: NodeJS.ProcessEnv;
const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The mbox's messages in order, split by git itself. */
function mailsplit(mbox: string): string[] {
  const dir = mkdtempSync(join(work, 'split-'));
  execFileSync('git', ['mailsplit', '-o' + dir, mbox], { env, encoding: 'utf8' });
  return readdirSync(dir).sort().map((n) => join(dir, n));
}

const isPatch = (file: string) => /^diff --git /m.test(readFileSync(file, 'utf8'));
const hunkAndIndexLines = (text: string) => text.split('\n').filter((l) => l.startsWith('@@ ') || l.startsWith('index '));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ls-demo-'));
  repo = join(work, 'tree');
  env = gitEnv(work);
  cpSync(join(PATCHES, 'base-tree'), repo, { recursive: true });
  git('init', '-q', '-b', 'base');
  git('add', '-A');
  git('commit', '-q', '-m', 'lorescope demo base tree');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('demo series applies to patches/base-tree', () => {
  it('the base tree commit is the base-commit named by both cover letters', () => {
    const head = git('rev-parse', 'HEAD').trim();
    for (const { file } of VERSIONS) {
      const text = readFileSync(join(PATCHES, file), 'utf8');
      expect(text.match(/^base-commit: ([0-9a-f]{40})$/m)?.[1], file).toBe(head);
    }
  });

  for (const { file, patches } of VERSIONS) {
    it(`${file}: git am applies every patch mail, with exact hunk positions and blob ids`, () => {
      const mails = mailsplit(join(PATCHES, file)).filter(isPatch);
      expect(mails).toHaveLength(patches);
      git('checkout', '-q', '-B', file, 'base');
      git('am', '--whitespace=error-all', ...mails);
      expect(git('rev-list', '--count', 'base..HEAD').trim()).toBe(String(patches));
      // git apply tolerates hunks that moved; regenerate each commit's diff and compare the
      // @@ headers and index lines to prove the mail's line numbers, counts and blob ids are exact.
      mails.forEach((mail, i) => {
        const regenerated = git('format-patch', '-1', '--stdout', `HEAD~${patches - 1 - i}`);
        expect(hunkAndIndexLines(regenerated), mail).toEqual(hunkAndIndexLines(readFileSync(mail, 'utf8')));
      });
      expect(git('status', '--porcelain')).toBe('');
    });
  }

  it('the CXL patch is identical in v1 and v2, the struct page patch changed', () => {
    const diffOf = (file: string, subject: RegExp) => {
      const mail = mailsplit(join(PATCHES, file)).map((f) => readFileSync(f, 'utf8')).find((t) => subject.test(t));
      expect(mail, `${file} ${subject}`).toBeDefined();
      return mail!.slice(mail!.indexOf('\ndiff --git '));
    };
    const cxl = /^Subject: \[RFC PATCH (v2 3\/5|2\/2)\] cxl\/region/m;
    const page = /^Subject: \[RFC PATCH (v2 1\/5|1\/2)\] mm: add N_FENCED/m;
    expect(diffOf('fenced-nodes-v1.mbox', cxl)).toBe(diffOf('fenced-nodes-v2.mbox', cxl));
    expect(diffOf('fenced-nodes-v1.mbox', page)).not.toBe(diffOf('fenced-nodes-v2.mbox', page));
  });
});

// Listing what an inbox repository's commits added and deleted, through simple-git.
//
// v2 epochs hold one file per commit: `m` is a message added, `d` a message deleted (its blob is the
// removed message, so the same object id as the `m` that added it). v1 (ssoma) keeps every message at
// a path made from a hash of its Message-ID: adding the path adds the message, removing it deletes it.
import { simpleGit, type SimpleGit } from 'simple-git';
import { SourceError } from './read.js';

export interface Change {
  commit: string;
  /** Blobs this commit deletes (the removed messages); applied before its additions. */
  dels: string[];
  /** Blobs this commit adds (messages). */
  adds: string[];
}

function git(gitDir: string): SimpleGit {
  return simpleGit({ baseDir: gitDir });
}

function firstLine(e: unknown): string {
  const msg = (e as Error)?.message ?? String(e);
  return msg.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 200) ?? 'git failed';
}

// simple-git resolves, not rejects, when git exits non-zero without writing to stderr (`rev-parse -q`,
// `merge-base --is-ancestor`): so ask questions whose answer is in the output.

/** The commit HEAD points at, or null for an epoch without commits yet. */
export async function headCommit(gitDir: string): Promise<string | null> {
  let out: string;
  try {
    out = await git(gitDir).raw(['rev-parse', '--verify', '-q', 'HEAD^{commit}']);
  } catch (e) {
    throw new SourceError(`${gitDir}: ${firstLine(e)}`);
  }
  const sha = out.trim();
  return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
}

/** True when `older` is `newer` or one of its ancestors (the merge base of both is `older` itself). */
export async function isAncestor(gitDir: string, older: string, newer: string): Promise<boolean> {
  try {
    const base = await git(gitDir).raw(['merge-base', older, newer]);
    return base.trim() === older;
  } catch {
    return false; // `older` no longer exists
  }
}

const RAW = /^:(\d{6}) (\d{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([AMDTCRUX])\d*\t(.*)$/;
const ZERO = /^0+$/;

/** Turns `git log --raw` lines into changes; `line` is fed every line, `end` emits the last change. */
function changeParser(onChange: (c: Change) => void): { line(l: string): void; end(): void } {
  let cur: Change | null = null;
  return {
    line(line: string) {
      if (line.startsWith('C')) {
        if (cur) onChange(cur);
        cur = { commit: line.slice(1), dels: [], adds: [] };
        return;
      }
      if (!cur || !line.startsWith(':')) return;
      const m = RAW.exec(line);
      if (!m) return;
      const [, , , oldOid, newOid, status, path] = m;
      if (path === 'm' || path === 'd') {
        // v2: only what a commit adds or changes counts; `m` vanishing in a deletion commit is not a deletion.
        if ((status === 'A' || status === 'M') && !ZERO.test(newOid)) (path === 'm' ? cur.adds : cur.dels).push(newOid);
        return;
      }
      if (status === 'D' || status === 'M') cur.dels.push(oldOid);
      if (status === 'A' || status === 'M') cur.adds.push(newOid);
    },
    end() {
      if (cur) onChange(cur);
      cur = null;
    },
  };
}

/**
 * The changes between `from` (exclusive, null = from the root) and `to`, oldest first, handed to
 * `onChange` while git is still walking: the caller can start reading blobs before the walk ends.
 */
export async function streamChanges(gitDir: string, from: string | null, to: string, onChange: (c: Change) => void): Promise<void> {
  const parser = changeParser(onChange);
  let carry = '';
  const feed = (chunk: Buffer) => {
    const text = carry + chunk.toString('latin1');
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const l of lines) parser.line(l);
  };
  // simple-git collects the whole output before it resolves; its output handler lets us read along.
  const runner = simpleGit({ baseDir: gitDir }).outputHandler((_cmd, stdout) => {
    stdout.on('data', feed);
  });
  try {
    // --root and --no-renames explicitly: user config (log.showRoot, diff.renames) must not change what we see.
    await runner.raw(['log', '--reverse', '--root', '--no-renames', '--no-show-signature', '--raw', '--no-abbrev', '--format=C%H', from ? `${from}..${to}` : to, '--']);
  } catch (e) {
    throw new SourceError(`${gitDir}: git log failed: ${firstLine(e)}`);
  }
  if (carry) parser.line(carry);
  parser.end();
}

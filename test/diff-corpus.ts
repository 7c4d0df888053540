// Corpus access for the diff tests. Mail bodies are read crudely (split on `From ` lines, body after
// the first blank line): the real mail layer lives in src/mail/ and is tested on its own.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { corpus } from './helpers/corpus.js';

export function readCorpus(...parts: string[]): string {
  return readFileSync(corpus(...parts), 'utf8');
}

/** mbox separators: `From <sender> <asctime date>`. */
const FROM_LINE = /^(?=From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\n)/m;

/** Bodies of the messages in an mbox-like file; a file without `From ` lines is one message. */
export function mailBodies(text: string): string[] {
  const parts = text.split(FROM_LINE).filter((p) => /\S/.test(p));
  return parts.map((p) => {
    const blank = p.indexOf('\n\n');
    return blank < 0 ? '' : p.slice(blank + 2);
  });
}

export function corpusBody(...parts: string[]): string {
  return mailBodies(readCorpus(...parts))[0];
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  ).sort();
}

export const debianPatches = (): string[] => listFiles(corpus('kernel', 'debian-patches'));

/** Every patch mail of the kernel series files, with a label for test names. */
export function seriesMessages(): { label: string; body: string }[] {
  const dir = corpus('kernel', 'series');
  return readdirSync(dir).sort().flatMap((name) =>
    mailBodies(readFileSync(join(dir, name), 'utf8')).map((body, i) => ({ label: `${name}#${i + 1}`, body })),
  );
}

export interface NumstatRow {
  additions: string;
  deletions: string;
  path: string;
}

/** `git apply --numstat -z` on the text: git's own reading of the same patch. */
export function gitNumstat(text: string): NumstatRow[] {
  const out = execFileSync('git', ['apply', '--numstat', '-z', '-'], {
    input: text,
    stdio: ['pipe', 'pipe', 'ignore'],
  }).toString('utf8');
  return out.split('\0').filter(Boolean).map((row) => {
    const [additions, deletions, path] = row.split('\t');
    return { additions, deletions, path };
  });
}

/** The `--stat` lines and `--summary` lines git format-patch wrote under `---`. */
export function mailDiffstat(body: string): { lines: string[]; summary: string[] } | null {
  const m = /^---\n((?: .*\| .*\n)+) \d+ files? changed[^\n]*\n((?: (?:create|delete|rename|copy|mode change|rewrite) .*\n)*)/m.exec(body);
  if (!m) return null;
  return { lines: m[1].trimEnd().split('\n'), summary: m[2] ? m[2].trimEnd().split('\n') : [] };
}

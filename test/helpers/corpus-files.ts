// Every mail file of the shared corpus, grouped by directory (the big archive is separate: it is
// xz-compressed and tests decompress it themselves).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpus } from './corpus.js';

/** Mail: mbox files, b4's am-ready outputs (.mbx, and the .txt references), patches. Not logs, JSON or .verify lists. */
const MAIL = /\.(mbox|mbx|patch|eml|txt)$/;

export interface CorpusGroup {
  /** Directory under the corpus, e.g. `patchwork/fuzz`. */
  dir: string;
  /** Absolute paths, sorted; subdirectories included. */
  files: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : MAIL.test(n) ? [p] : [];
  });
}

export const CORPUS_DIRS = ['b4-samples', 'patchwork/series', 'patchwork/mail', 'patchwork/fuzz', 'kernel/debian-patches', 'kernel/series', 'real/threads', 'real/rfc-v4'];

export function corpusGroups(): CorpusGroup[] {
  return CORPUS_DIRS.map((dir) => ({ dir, files: walk(corpus(dir)) }));
}

export const ARCHIVE_XZ = corpus('real/cgroups-2019-2023.mbox.xz');

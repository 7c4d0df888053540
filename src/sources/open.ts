// Turn a SOURCE argument (mbox file, .gz, maildir, directory of mbox/patch files, "-") into RawMessages.
import { readdirSync, statSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawMessage } from '../model/mail.js';
import { splitMbox } from './mbox.js';
import { fileChunks, stdinChunks, SourceError } from './read.js';

export interface OpenOptions {
  mboxrd?: boolean;
  maxDecompressed?: number;
}

const MAIL_FILE = /\.(mbox|mboxrd|eml|patch|diff|mail|txt|gz)$/i;

function isMaildir(dir: string): boolean {
  return existsSync(join(dir, 'cur')) && existsSync(join(dir, 'new'));
}

async function* maildir(dir: string): AsyncGenerator<RawMessage> {
  let index = 0;
  for (const sub of ['cur', 'new']) {
    const names = readdirSync(join(dir, sub)).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(dir, sub, name);
      if (!statSync(path).isFile()) continue;
      yield { bytes: readFileSync(path), origin: { source: dir, index: index++, locator: `${sub}/${name}` } };
    }
  }
}

/** Read one source. Directories that are not maildirs are read file by file, in name order. */
export async function* openSource(source: string, opts: OpenOptions = {}): AsyncGenerator<RawMessage> {
  if (source === '-') {
    yield* splitMbox(stdinChunks(opts.maxDecompressed), { source: '<stdin>', mboxrd: opts.mboxrd });
    return;
  }
  let st;
  try {
    st = statSync(source);
  } catch {
    throw new SourceError(`${source}: no such file or directory`);
  }
  if (st.isDirectory()) {
    if (isMaildir(source)) {
      yield* maildir(source);
      return;
    }
    const names = readdirSync(source).filter((n) => MAIL_FILE.test(n) && !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(source, name);
      if (statSync(path).isFile()) yield* splitMbox(fileChunks(path, opts.maxDecompressed), { source: path, mboxrd: opts.mboxrd });
    }
    return;
  }
  yield* splitMbox(fileChunks(source, opts.maxDecompressed), { source, mboxrd: opts.mboxrd });
}

// Turn a SOURCE argument (mbox file, .gz, maildir, directory of mbox/patch files, "-") into RawMessages.
import { readdirSync, statSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawMessage } from '../model/mail.js';
import { DEFAULT_MAX_MESSAGE_BYTES, splitMbox } from './mbox.js';
import { fileChunks, stdinChunks, SourceError } from './read.js';

export interface OpenOptions {
  mboxrd?: boolean;
  maxDecompressed?: number;
  /** Largest single message; bigger ones become error entries (default DEFAULT_MAX_MESSAGE_BYTES). */
  maxMessageBytes?: number;
}

export const MAIL_FILE = /\.(mbox|mboxrd|eml|patch|diff|mail|txt|gz)$/i;

export function isMaildir(dir: string): boolean {
  return existsSync(join(dir, 'cur')) && existsSync(join(dir, 'new'));
}

async function* maildir(dir: string, max = DEFAULT_MAX_MESSAGE_BYTES): AsyncGenerator<RawMessage> {
  let index = 0;
  for (const sub of ['cur', 'new']) {
    const names = readdirSync(join(dir, sub)).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(dir, sub, name);
      const st = statSync(path);
      if (!st.isFile()) continue;
      const origin = { source: dir, index: index++, locator: `${sub}/${name}` };
      if (st.size > max) yield { bytes: Buffer.alloc(0), origin, error: `message of ${st.size} bytes exceeds the limit of ${max} bytes; skipped` };
      else yield { bytes: readFileSync(path), origin };
    }
  }
}

/** Read one source. Directories that are not maildirs are read file by file, in name order. */
export async function* openSource(source: string, opts: OpenOptions = {}): AsyncGenerator<RawMessage> {
  if (source === '-') {
    yield* splitMbox(stdinChunks(opts.maxDecompressed), { source: '<stdin>', mboxrd: opts.mboxrd, maxMessageBytes: opts.maxMessageBytes });
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
      yield* maildir(source, opts.maxMessageBytes);
      return;
    }
    const names = readdirSync(source).filter((n) => MAIL_FILE.test(n) && !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(source, name);
      if (statSync(path).isFile()) yield* splitMbox(fileChunks(path, opts.maxDecompressed), { source: path, mboxrd: opts.mboxrd, maxMessageBytes: opts.maxMessageBytes });
    }
    return;
  }
  yield* splitMbox(fileChunks(source, opts.maxDecompressed), { source, mboxrd: opts.mboxrd, maxMessageBytes: opts.maxMessageBytes });
}

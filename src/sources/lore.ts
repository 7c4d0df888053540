// A thread from lore (or any public-inbox HTTP server) by Message-ID: download `t.mbox.gz` once,
// check it, keep it in the cache, read it like any mbox.
import { createReadStream, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { RawMessage } from '../model/mail.js';
import { splitMbox } from './mbox.js';
import { fileChunks, maybeGunzip, SourceError } from './read.js';
import { downloadToFile, HTTP_DEFAULTS, HttpStatusError, type HttpOptions } from './http.js';
import { cacheDir, safeName } from './cache.js';
import { inboxUrlFor, threadMboxUrl, type ThreadRef } from './lore-ref.js';

export const DEFAULT_LORE_URL = 'https://lore.kernel.org/';
/** A cached thread younger than this is used without asking the server (threads grow with replies). */
export const DEFAULT_MAX_AGE_MS = 10 * 60 * 1000;

export interface LoreSettings {
  base: string;
  cacheRoot: string;
  /** Ignore the cache and download again. */
  refresh?: boolean;
  /** Never use the network; a thread not in the cache is an error. */
  offline?: boolean;
  /** Limit on both the download and the decompressed mbox. */
  maxBytes?: number;
  maxAgeMs?: number;
  http?: Omit<HttpOptions, 'maxBytes'>;
}

export interface FetchedThread {
  msgid: string;
  url: string;
  path: string;
  fromCache: boolean;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Decompress the whole download once: a truncated, oversized or non-mbox reply never enters the cache. */
async function validate(path: string, url: string, maxBytes: number): Promise<void> {
  let head = Buffer.alloc(0);
  for await (const chunk of maybeGunzip(createReadStream(path, { highWaterMark: 1 << 20 }), url, maxBytes)) {
    if (head.length < 5) head = Buffer.concat([head, chunk.subarray(0, 5)]);
  }
  if (head.length === 0) throw new SourceError(`${url}: empty reply`);
  if (head.subarray(0, 5).toString('latin1') !== 'From ') throw new SourceError(`${url}: the server did not send an mbox`);
}

export async function fetchThread(ref: ThreadRef, s: LoreSettings): Promise<FetchedThread> {
  const url = threadMboxUrl(ref, s.base);
  const inbox = inboxUrlFor(ref, s.base);
  const maxBytes = s.maxBytes ?? HTTP_DEFAULTS.maxBytes;
  const path = join(cacheDir(s.cacheRoot, 'threads'), `${safeName(ref.msgid, inbox)}.mbox.gz`);
  const cached = statOrNull(path);
  const result = (fromCache: boolean): FetchedThread => ({ msgid: ref.msgid, url, path, fromCache });
  if (s.offline) {
    if (!cached) throw new SourceError(`<${ref.msgid}> from ${inbox} is not in the cache; run once without --offline`);
    return result(true);
  }
  if (cached && !s.refresh && Date.now() - cached.mtimeMs < (s.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) return result(true);

  const part = `${path}.${process.pid}.part`;
  try {
    await downloadToFile(url, part, { ...s.http, maxBytes });
    await validate(part, url, maxBytes);
  } catch (e) {
    try {
      unlinkSync(part);
    } catch {
      /* never written */
    }
    if (e instanceof HttpStatusError && (e.status === 404 || e.status === 410)) throw new SourceError(`no message <${ref.msgid}> at ${inbox}`);
    if (cached && e instanceof SourceError) {
      throw new SourceError(`${e.message} (a copy from ${cached.mtime.toISOString()} is cached: use --offline)`);
    }
    throw e;
  }
  renameSync(part, path);
  return result(false);
}

/** The messages of a fetched thread; origins name the URL, not the cache file. */
export async function* readThread(t: FetchedThread, maxBytes = HTTP_DEFAULTS.maxBytes): AsyncGenerator<RawMessage> {
  yield* splitMbox(fileChunks(t.path, maxBytes), { source: t.url });
}

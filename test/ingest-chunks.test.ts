// Splitting an mbox does not depend on how its bytes arrive: the same bytes fed in chunks of 1, 7,
// 4096, 65536, 4 MiB and random sizes give the same messages, byte for byte, as `git mailsplit`, on
// real files, on a file whose separators straddle every 64 KiB boundary, and on the whole cgroups
// archive (19,339 messages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageBytes, splitMbox } from '../src/sources/mbox.js';
import type { RawMessage } from '../src/model/mail.js';
import { mboxMessages } from '../scripts/pi-mirror.mjs';
import { corpus } from './helpers/corpus.js';
import { corpusGroups } from './helpers/corpus-files.js';

const MiB = 1 << 20;
const SEP = Buffer.from('From mboxrd@z Thu Jan  1 00:00:00 1970\n');

/** Deterministic sizes (mulberry32): a failure names its seed and can be replayed. */
function randomSizes(seed: number): () => number {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Mostly small and mid-sized reads, some large ones: every kind of boundary gets hit.
  return () => {
    const r = next();
    if (r < 0.3) return 1 + Math.floor(next() * 64);
    if (r < 0.7) return 65 + Math.floor(next() * 8192);
    return 8192 + Math.floor(next() * 256 * 1024);
  };
}

async function* chunked(data: Buffer, size: number | (() => number)): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length;) {
    const n = typeof size === 'number' ? size : size();
    yield data.subarray(at, at + n);
    at += n;
  }
}

async function split(data: Buffer, size: number | (() => number), maxMessageBytes?: number): Promise<RawMessage[]> {
  const out: RawMessage[] = [];
  for await (const m of splitMbox(chunked(data, size), { source: 't', maxMessageBytes })) out.push(m);
  return out;
}

/**
 * Positions where ours differ from git mailsplit's (`theirs`: its files without the `From ` line and
 * the mbox's blank line after the message), and where a message's span does not give its bytes back.
 */
function differences(ours: RawMessage[], theirs: Buffer[], data: Buffer): string[] {
  const bad: string[] = [];
  if (ours.length !== theirs.length) bad.push(`${ours.length} messages, git mailsplit ${theirs.length}`);
  ours.forEach((m, i) => {
    if (m.error) bad.push(`${i}: ${m.error}`);
    else if (!theirs[i]?.equals(m.bytes)) bad.push(`${i}: ${m.bytes.length} bytes, git mailsplit ${theirs[i]?.length}`);
    else if (m.span && !messageBytes(data.subarray(m.span.offset, m.span.offset + m.span.length), m.span.separator, m.span.mboxrd).equals(m.bytes)) {
      bad.push(`${i}: its span ${m.span.offset}+${m.span.length} gives other bytes`);
    }
  });
  return bad.slice(0, 5);
}

const describeSize = (s: number) => (s >= MiB ? `${s / MiB} MiB` : String(s));

/** The messages of an mboxrd file as stored (separator line and blank line included), by an exact scan. */
function storedMessages(data: Buffer): Buffer[] {
  const starts: number[] = [];
  if (data.subarray(0, SEP.length).equals(SEP)) starts.push(0);
  const needle = Buffer.concat([Buffer.from('\n'), SEP]);
  for (let at = data.indexOf(needle); at >= 0; at = data.indexOf(needle, at + 1)) starts.push(at + 1);
  return starts.map((s, i) => data.subarray(s, starts[i + 1] ?? data.length));
}

/**
 * An mbox of real messages laid out so that, at every 64 KiB boundary k, a separator line starts
 * `offsets[k % offsets.length]` bytes before it. Messages go in in archive order; the gap before each
 * boundary is filled best-fit from spare messages, and what is left with blank lines (which both
 * splitters keep as the end of the message before).
 */
function boundaryMbox(stored: Buffer[], size: number, offsets: number[]): Buffer {
  const half = Math.floor(stored.length / 2);
  const spare = stored.slice(half).sort((a, b) => a.length - b.length);
  const inOrder = stored.slice(0, half);
  const parts: Buffer[] = [];
  let pos = 0;
  let next = 0;
  const put = (b: Buffer) => { parts.push(b); pos += b.length; };
  for (let k = 1; k * 65536 <= size; k++) {
    const target = k * 65536 - offsets[k % offsets.length];
    while (pos + inOrder[next % inOrder.length].length <= target) put(inOrder[next++ % inOrder.length]);
    for (;;) {
      const gap = target - pos;
      let lo = 0;
      let hi = spare.length; // first spare message longer than the gap
      while (lo < hi) { const mid = (lo + hi) >> 1; if (spare[mid].length <= gap) lo = mid + 1; else hi = mid; }
      if (lo === 0) break;
      put(spare.splice(lo - 1, 1)[0]);
    }
    if (pos < target) {
      if (!parts.length) throw new Error('no message fits before the first boundary');
      parts[parts.length - 1] = Buffer.concat([parts[parts.length - 1], Buffer.alloc(target - pos, 0x0a)]);
      pos = target;
    }
  }
  put(spare[0]); // the last separator is followed by one short message, well before the next boundary
  return Buffer.concat(parts);
}

/** For every 64 KiB boundary, where the separator nearest before it starts, relative to the boundary. */
function separatorsAtBoundaries(data: Buffer): number[] {
  const starts = storedMessages(data).map((m) => m.byteOffset - data.byteOffset);
  const out: number[] = [];
  let i = 0;
  for (let b = 65536; b < data.length; b += 65536) {
    while (i + 1 < starts.length && starts[i + 1] < b + 2) i++;
    out.push(b - starts[i]);
  }
  return out;
}

/** Temporary directories of this file: the archive and the generated files are big, so they go at the end. */
const temps: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function writeTemp(name: string, data: Buffer): string {
  const file = join(tempDir('ls-chunks-'), name);
  writeFileSync(file, data);
  return file;
}

describe('real files, byte by byte: chunks of 1 and 7', () => {
  const files = [
    'real/rfc-v4/private-memory-nodes-v4.mbox', // the RFC v4 thread, mboxrd
    'real/threads/022.mbox', // the longest real thread (181 messages), several >From lines
    'real/threads/030.mbox', // base64 parts
    'kernel/series/folio-5.17.mbox', // git format-patch separators (mboxo)
    'b4-samples/trailers-thread-with-followups.mbox',
  ];
  for (const name of files) {
    it(name, async () => {
      const data = readFileSync(corpus(name));
      const theirs = await mboxMessages(corpus(name));
      expect(theirs.length).toBeGreaterThan(1);
      for (const size of [1, 7]) expect(differences(await split(data, size), theirs, data), `chunks of ${size}`).toEqual([]);
      expect(differences(await split(data, randomSizes(name.length)), theirs, data), 'random chunks').toEqual([]);
    });
  }
});

describe('the size limit does not depend on chunking either', () => {
  it('real/threads/030.mbox with a 20 KB limit: the same error entries at every chunk size, the other messages git mailsplit\'s', async () => {
    const file = corpus('real/threads/030.mbox');
    const data = readFileSync(file);
    const theirs = await mboxMessages(file);
    const limit = 20_000;
    const big = theirs.map((m, i) => (m.length > limit ? i : -1)).filter((i) => i >= 0);
    expect(big.length).toBeGreaterThan(0);
    const shape = (ms: RawMessage[]) => ms.map((m) => m.error ? `${m.origin.locator}: ${m.error}` : `${m.origin.locator}: ${m.bytes.length}`);
    const whole = await split(data, data.length, limit);
    expect(whole.map((m, i) => (m.error ? i : -1)).filter((i) => i >= 0)).toEqual(big);
    whole.forEach((m, i) => { if (!m.error) expect(m.bytes.equals(theirs[i]), `message ${i}`).toBe(true); });
    for (const size of [1, 7, 4096, randomSizes(30)]) expect(shape(await split(data, size, limit))).toEqual(shape(whole));
  });
});

describe('every mail file of the corpus, in random chunks', () => {
  for (const group of corpusGroups()) {
    it(`${group.dir} (${group.files.length} files)`, async () => {
      for (const [k, file] of group.files.entries()) {
        const data = readFileSync(file);
        const theirs = await mboxMessages(file);
        for (const seed of [k + 1, k + 1000]) expect(differences(await split(data, randomSizes(seed)), theirs, data), `${file}, seed ${seed}`).toEqual([]);
      }
    });
  }
});

describe('the cgroups archive and a file with a separator across every 64 KiB boundary', () => {
  let archive: Buffer;
  let archiveFile: string;
  let archiveTheirs: Buffer[];

  beforeAll(async () => {
    const dir = tempDir('ls-chunks-arch-');
    archiveFile = join(dir, 'cgroups.mbox');
    execFileSync('sh', ['-c', 'xz -dc "$0" > "$1"', corpus('real/cgroups-2019-2023.mbox.xz'), archiveFile]);
    archive = readFileSync(archiveFile);
    archiveTheirs = await mboxMessages(archiveFile);
  });

  it('the archive: 4096, 65536, 4 MiB and random chunks give git mailsplit\'s 19,339 messages', async () => {
    expect(archiveTheirs).toHaveLength(19_339);
    for (const size of [4096, 65536, 4 * MiB]) expect(differences(await split(archive, size), archiveTheirs, archive), `chunks of ${describeSize(size)}`).toEqual([]);
    expect(differences(await split(archive, randomSizes(12)), archiveTheirs, archive), 'random chunks, seed 12').toEqual([]);
  });

  it('16 MiB with a separator straddling every 64 KiB boundary: every chunking gives git mailsplit\'s messages', async () => {
    // Every byte position of the separator line against the boundary, from its first byte to its newline.
    const offsets = Array.from({ length: SEP.length - 1 }, (_, i) => i + 1);
    const data = boundaryMbox(storedMessages(archive), 16 * MiB, offsets);
    const at = separatorsAtBoundaries(data);
    expect(at).toHaveLength(256);
    for (const [k, d] of at.entries()) expect(d, `boundary ${k + 1}`).toBe(offsets[(k + 1) % offsets.length]);
    const theirs = await mboxMessages(writeTemp('straddle.mbox', data));
    expect(theirs.length).toBeGreaterThan(1000);
    for (const size of [4096, 65536, 4 * MiB]) expect(differences(await split(data, size), theirs, data), `chunks of ${describeSize(size)}`).toEqual([]);
    for (const seed of [1, 2]) expect(differences(await split(data, randomSizes(seed)), theirs, data), `random chunks, seed ${seed}`).toEqual([]);
  });

  it('separators just before, at and just after every 64 KiB boundary', async () => {
    // -1: the chunk opens with the newline just before "From "; 0: "From " opens the chunk;
    // SEP.length: the separator's newline ends the chunk; 1: only the "F" is in the chunk before.
    const offsets = [-1, 0, SEP.length, 1];
    const data = boundaryMbox(storedMessages(archive), 6 * MiB, offsets);
    const at = separatorsAtBoundaries(data);
    expect(at).toHaveLength(96);
    for (const [k, d] of at.entries()) expect(d, `boundary ${k + 1}`).toBe(offsets[(k + 1) % offsets.length]);
    const theirs = await mboxMessages(writeTemp('edges.mbox', data));
    for (const size of [4096, 65536]) expect(differences(await split(data, size), theirs, data), `chunks of ${size}`).toEqual([]);
  });
  // The whole pipeline on the archive (19,339 messages in, every one accounted for) is in
  // test/corpus-bad-input.test.ts, which runs the CLI on it once for both promises.
});

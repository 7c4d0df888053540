// Reading a few units of a gzip mbox means going through the file from its start each time (the
// index keeps offsets in the decompressed bytes, and a gzip stream cannot be entered in the middle):
// a command that reads an archive unit by unit did that hundreds of times. It reads a plain copy.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexedSource } from './catalog.js';
import { fileChunks } from '../sources/read.js';

const plain = new Map<number, IndexedSource>();
let scratch: string | null = null;

/**
 * The sources with each gzip mbox replaced by its decompressed copy, made once per process in a
 * temporary directory removed at exit, read by offset like a plain mbox. Labels stay the user's.
 */
export async function plainSources(sources: IndexedSource[]): Promise<IndexedSource[]> {
  const out: IndexedSource[] = [];
  for (const s of sources) {
    if (!s.gz || s.kind !== 'mbox') {
      out.push(s);
      continue;
    }
    let p = plain.get(s.id);
    if (!p) {
      if (!scratch) {
        const dir = mkdtempSync(join(tmpdir(), 'lorescope-gz-'));
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
        scratch = dir;
      }
      const file = join(scratch, `${s.id}.mbox`);
      const fd = openSync(file, 'w');
      try {
        for await (const chunk of fileChunks(s.real, s.maxDecompressed)) for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off);
      } finally {
        closeSync(fd);
      }
      p = { ...s, real: file, gz: false };
      plain.set(s.id, p);
    }
    out.push(p);
  }
  return out;
}

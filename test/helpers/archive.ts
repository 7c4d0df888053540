// The real cgroups@vger archive (../shared/corpus/real/cgroups-2019-2023.mbox.xz), decompressed once
// per machine into the temp dir, and single threads cut out of it for tests that need only those.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSource } from '../../src/sources/open.js';
import { corpus } from './corpus.js';

const XZ = corpus('real/cgroups-2019-2023.mbox.xz');
const DIR = join(tmpdir(), 'lorescope-test-corpus');

/** Path of the decompressed archive (152 MB); made on first use, atomically, so parallel tests agree. */
export function archiveMbox(): string {
  const out = join(DIR, 'cgroups-2019-2023.mbox');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(XZ).mtimeMs) return out;
  mkdirSync(DIR, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync('sh', ['-c', 'xz -dc "$1" > "$2"', 'sh', XZ, tmp]);
  renameSync(tmp, out);
  return out;
}

/**
 * The messages of the archive whose headers name `root` (its own Message-ID, In-Reply-To or
 * References), as an mboxrd file: the thread under that root as lore would serve it.
 */
export async function archiveThread(root: string): Promise<string> {
  const out = join(DIR, `thread-${root.replace(/[^A-Za-z0-9._-]/g, '_')}.mbox`);
  if (existsSync(out)) return out;
  const needle = Buffer.from(`<${root}>`);
  const parts: Buffer[] = [];
  for await (const m of openSource(archiveMbox())) {
    const end = m.bytes.indexOf('\n\n');
    const head = end < 0 ? m.bytes : m.bytes.subarray(0, end);
    if (head.indexOf(needle) < 0) continue;
    const quoted = m.bytes.toString('latin1').replace(/^(>*From )/gm, '>$1');
    parts.push(Buffer.from(`From mboxrd@z Thu Jan  1 00:00:00 1970\n${quoted}${quoted.endsWith('\n') ? '' : '\n'}\n`, 'latin1'));
  }
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, out);
  return out;
}

// The real 2019-2023 cgroups archive, decompressed by the test itself (`xz -dc`) and cut down to
// the threads a test needs: every message whose Message-ID, In-Reply-To or References names one of
// the given roots, and the patches git send-email numbered after a root (`PREFIX-N-user@host`; some
// senders do not thread them). The cut is written to a temp dir as mboxrd, byte for byte.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus } from './corpus.js';

export const ARCHIVE = corpus('real', 'cgroups-2019-2023.mbox.xz');
const SEPARATOR = Buffer.from('\nFrom mboxrd@z ');

/** `20230412153758.3088111-1-longman@redhat.com` → `20230412153758.3088111-*-longman@redhat.com`. */
function sendEmailFamily(id: string): string | null {
  const m = /^(\d{8,}\.\d+)-\d+-(.+)$/.exec(id) ?? /^(\d{10}-\d+)-\d+-(git-send-email-.+)$/.exec(id);
  return m ? `${m[1]}\u0000${m[2]}` : null;
}

function headerIds(header: string): string[] {
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const out: string[] = [];
  for (const m of unfolded.matchAll(/^(message-id|in-reply-to|references):(.*)$/gim)) {
    for (const id of m[2].matchAll(/<([^<>\s]+)>/g)) out.push(id[1]);
  }
  return out;
}

/** The archive's messages that belong to the threads of `roots`, as one small mbox in a temp dir (`remove()` deletes it). */
export async function extractThreads(roots: string[], name = 'threads.mbox'): Promise<{ path: string; messages: number; remove: () => void }> {
  const wanted = new Set(roots);
  const families = new Set(roots.map(sendEmailFamily).filter((f): f is string => f !== null));
  const kept: Buffer[] = [];
  const keep = (msg: Buffer) => {
    const end = msg.indexOf('\n\n');
    const header = msg.subarray(0, end < 0 ? msg.length : end).toString('latin1');
    const ids = headerIds(header);
    if (ids.some((id) => wanted.has(id) || families.has(sendEmailFamily(id) ?? ''))) kept.push(msg);
  };
  await new Promise<void>((resolve, reject) => {
    const xz = spawn('xz', ['-dc', ARCHIVE], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = Buffer.alloc(0);
    xz.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let at = pending.indexOf(SEPARATOR, 1); at >= 0; at = pending.indexOf(SEPARATOR, start + 1)) {
        keep(pending.subarray(start, at + 1));
        start = at + 1;
      }
      pending = Buffer.from(pending.subarray(start));
    });
    xz.on('error', reject);
    xz.on('close', (code) => {
      if (code !== 0) return reject(new Error(`xz -dc ${ARCHIVE} exited with ${code}`));
      if (pending.length) keep(pending);
      resolve();
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'ls-archive-'));
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(kept));
  return { path, messages: kept.length, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

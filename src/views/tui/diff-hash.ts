// Did a patch change between versions? Compare a hash of its diff with line numbers, blob ids and
// trailing whitespace left out, so a rebase that only shifts hunks counts as unchanged.
import { createHash } from 'node:crypto';
import type { FileDiff } from '../../diff/types.js';

export function diffHash(files: FileDiff[]): string {
  const h = createHash('sha1');
  for (const f of files) {
    h.update(`F ${f.status} ${f.oldPath ?? ''} ${f.newPath ?? ''} ${f.binary ? `bin ${f.newBlob ?? ''}` : ''}\n`);
    for (const hunk of f.hunks) {
      h.update('@@\n');
      for (const l of hunk.lines) h.update(`${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text.trimEnd()}\n`);
    }
  }
  return h.digest('hex');
}

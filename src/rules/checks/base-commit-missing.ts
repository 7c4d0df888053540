// process.base-commit-missing: nothing in the series says which commit it applies to.
import type { BuiltinCheck } from './types.js';

const MAX_SCAN = 1 << 20;
/** git format-patch --base writes base-commit after the diff, just before the signature. */
const PATCH_TAIL = 8192;

/** A `base-commit: <hex>` line (git format-patch --base, b4) within the last `tail` characters. */
export function hasBaseCommit(body: string, tail = MAX_SCAN): boolean {
  const n = Math.min(tail, MAX_SCAN);
  const text = body.length > n ? body.slice(-n) : body;
  for (let at = text.indexOf('base-commit:'); at >= 0; at = text.indexOf('base-commit:', at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const rest = text.slice(at + 12, at + 12 + 64).trimStart();
    let n = 0;
    while (n < rest.length && /[0-9a-f]/.test(rest[n])) n++;
    if (n >= 7) return true;
  }
  return false;
}

export const baseCommitMissing: BuiltinCheck = {
  name: 'base-commit-missing',
  description: 'a series in which neither the cover letter nor any patch carries base-commit:',
  placeholders: ['series'],
  run(input) {
    if (input.patches.length === 0) return [];
    if (input.series?.baseCommit) return [];
    if (hasBaseCommit(input.series?.cover?.body ?? '')) return [];
    if (input.patches.some((p) => hasBaseCommit(p.mail.body, PATCH_TAIL))) return [];
    const title = input.series?.title ?? input.patches[0].title ?? input.patches[0].mail.subject ?? '';
    return [{ patch: -1, key: title, text: title, values: { series: title } }];
  },
};

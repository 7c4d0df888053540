// Fingerprints that survive a reroll: no line numbers, no Message-IDs, only what the hit is about.
import * as crypto from 'node:crypto';
import { MAX_LINE } from './pattern/index.js';

/** Whitespace runs collapsed, ends trimmed (re-indentation or a v2 rebase keeps the fingerprint). */
export function normaliseText(text: string): string {
  const t = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  return t.replace(/\s+/g, ' ').trim();
}

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;
/** crypto.hash (Node >= 20.12) is several times cheaper than createHash for short inputs. */
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;
const sha256 = (s: string): string => (oneShot ? oneShot('sha256', s, 'hex') : crypto.createHash('sha256').update(s).digest('hex'));

/** Counts repeats of the same (rule, path, text), so two identical hits still differ. */
export class Fingerprinter {
  private readonly seen = new Map<string, number>();

  next(ruleId: string, path: string, key: string): string {
    const base = `${ruleId}\0${path}\0${normaliseText(key)}`;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return sha256(`${base}\0${n}`).slice(0, 32);
  }
}

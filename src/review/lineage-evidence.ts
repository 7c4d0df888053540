// The evidence that an older series is an earlier version of a newer one when nothing names it so
// (no change-id, no link): how many patches recur, how many files both touch, how alike the titles
// read. Pure functions over lineage summaries, so an index can score candidates from a whole archive.
import type { Address } from '../model/mail.js';
import type { Evidence, LineageSummary } from '../model/lineage.js';
import { emailMatches } from '../series/trailers.js';
import { normalName } from './people.js';
import { fileJaccard, pairPatches } from './patch-pairing.js';

/** About nine months: 99% of consecutive same-title versions in the 2019-2023 cgroups archive are within 127 days, the longest 224. */
export const WINDOW_DAYS = 270;
/** Evidence needed for a link to a lower version (see `score`). */
export const THRESHOLD = 0.6;
/** Evidence needed between two series of the same version (an unversioned or RFC repost): the author may say it is new work. */
export const REPOST_THRESHOLD = 1.0;
/** Files shared at which file overlap counts fully: one shared file is what any two patches to a busy file have. */
const FULL_FILES = 3;

/** Identity keys for finding a person's other series: the address, and a full name (two words or more). */
export function authorKeys(a: Address): string[] {
  const keys = a.email ? [`email:${a.email.toLowerCase()}`] : [];
  const name = normalName(a.name.replace(/\s*\([^)]*\)\s*$/, ''));
  if (name.includes(' ')) keys.push(`name:${name}`);
  return keys;
}

/** Same person: the address (b4's forgiving comparison) or the full name; people change employers and addresses. */
export function sameAuthor(a: Address, b: Address): boolean {
  if (a.email && b.email && emailMatches(a.email, b.email)) return true;
  const na = nameKey(a);
  return na !== null && na === nameKey(b);
}

const names = new WeakMap<Address, string | null>();
function nameKey(a: Address): string | null {
  let k = names.get(a);
  if (k === undefined) {
    k = authorKeys(a).find((x) => x.startsWith('name:')) ?? null;
    names.set(a, k);
  }
  return k;
}

/**
 * A title as compared for equality: case, blanks and a leading stray colon ignored. (A trailing
 * "v2" stays: on cgroup lists it is more often "cgroup v2" than a version.)
 */
export function titleKey(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').replace(/^[\s:;,.-]+/, '').trim();
}

const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'from', 'by', 'at', 'as', 'is', 'be', 'per', 'some', 'into', 'via', 'rfc', 'patch', 'resend']);

/** Content words of a title: subsystem prefixes ("mm: memcg:") and small words dropped, crude plural folding. */
export function titleWords(t: string): Set<string> {
  const body = t.replace(/^(\s*[\w./,+-]+:\s+)+/, '');
  const out = new Set<string>();
  for (const w of body.toLowerCase().split(/[^a-z0-9]+/)) {
    if (w.length < 2 || STOP.has(w) || /^v\d+$/.test(w)) continue;
    out.add(w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  }
  return out;
}

export function wordSimilarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both);
}

/** What evidence reads of one summary, worked out once: every candidate pair would repeat it. */
interface Derived {
  files: Set<string>;
  words: Set<string>;
  key: string;
  time: number;
}
const cache = new WeakMap<LineageSummary, Derived>();
function derived(s: LineageSummary): Derived {
  let d = cache.get(s);
  if (!d) {
    d = { files: new Set(s.patches.flatMap((p) => p.files)), words: titleWords(s.title), key: titleKey(s.title), time: s.date ? Date.parse(s.date) : NaN };
    cache.set(s, d);
  }
  return d;
}

/** Days from the older posting to the newer one; null when either is undated. */
export function daysBetween(older: LineageSummary, newer: LineageSummary): number | null {
  const d = (derived(newer).time - derived(older).time) / 86_400_000;
  return Number.isFinite(d) ? Math.round(d * 100) / 100 : null;
}

/** Same title, as `titleKey` compares them (an empty title is never the same). */
export function sameTitle(older: LineageSummary, newer: LineageSummary): boolean {
  const k = derived(older).key;
  return k !== '' && k === derived(newer).key;
}

/**
 * The evidence for `older` → `newer`. score = P + F/2 + T/2, where P is the share of the smaller
 * series' patches that recur (same patch-id or title), F the Jaccard index of the touched files,
 * scaled down while fewer than three files are shared, and T the title word overlap. A patch set
 * rewritten under a new title still scores by files and words; two small unrelated series on one
 * busy file score little.
 */
export function evidence(older: LineageSummary, newer: LineageSummary): Evidence {
  const pairs = pairPatches(older.patches, newer.patches, { byFiles: false });
  const patchIds = pairs.filter((p) => p.by === 'patch-id').length;
  const patchTitles = pairs.filter((p) => p.by === 'subject').length;
  const a = derived(older);
  const b = derived(newer);
  let sharedFiles = 0;
  for (const f of a.files) if (b.files.has(f)) sharedFiles++;
  const jac = fileJaccard(a.files, b.files);
  const smaller = Math.min(older.patches.length, newer.patches.length);
  const p = smaller ? (patchIds + patchTitles) / smaller : 0;
  const f = jac * Math.min(1, sharedFiles / FULL_FILES);
  const t = wordSimilarity(a.words, b.words);
  const score = Math.round((p + f / 2 + t / 2) * 1000) / 1000;
  return { patchIds, patchTitles, sharedFiles, fileJaccard: Math.round(jac * 1000) / 1000, titleSimilarity: Math.round(t * 1000) / 1000, days: daysBetween(older, newer), score };
}

/**
 * How the version numbers allow `older` → `newer`: 'later' (a higher version, or an RFC followed by
 * a PATCH series that numbers afresh), 'repost' (the same version again: RESEND, or unversioned
 * twice), or null (a lower version: `[PATCH 0/3]` after `v4` is new work, as authors say when they
 * "did not send this as v5").
 */
export function versionStep(older: LineageSummary, newer: LineageSummary): 'later' | 'repost' | null {
  if (newer.version > older.version) return 'later';
  if (older.rfc && !newer.rfc) return 'later';
  if (newer.version === older.version) return 'repost';
  return null;
}

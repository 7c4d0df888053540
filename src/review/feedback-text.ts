// Reading intent from plain text: does an answer promise a change, does a changelog entry name a
// review comment. Plain substring and word checks: the text is mail, so nothing that can backtrack.
import type { Address } from '../model/mail.js';
import { firstName, normalName } from './people.js';

const MAX_TEXT = 16 * 1024;

/** An attribution line: "X wrote:", "… wrote..." (some mailers), "Quoting X (date):". */
export function isAttribution(line: string): boolean {
  return /\b(wrote|writes|schrieb|a écrit)\s*(:|\.\.\.|…)\s*$/i.test(line) || /^Quoting\s.{1,200}:\s*$/.test(line);
}

/** A reply's own lines: unquoted, above the signature, "X wrote:" attributions left out. */
export function ownText(body: string): string {
  const out: string[] = [];
  for (const raw of body.slice(0, MAX_TEXT * 4).split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '-- ') break;
    if (line.startsWith('>')) continue;
    if (isAttribution(line)) {
      // "On Mon, Feb 23, 2026 at 02:07:15PM +0100, David Hildenbrand (Arm)\nwrote:" is one attribution.
      const prev = out[out.length - 1];
      if (prev !== undefined && /^On\s/.test(prev) && !/^On\s/.test(line)) out.pop();
      continue;
    }
    out.push(line);
  }
  return out.join('\n').slice(0, MAX_TEXT);
}

const PROMISES = [
  'will fix', 'will do', 'will change', 'will update', 'will drop', 'will remove', 'will rework', 'will address',
  'will move', 'will add', 'will rename', 'will split', 'will send', 'will respin', 'will switch', 'will use',
  'will carry', 'will go through', "i'll fix", "i'll change", "i'll update", "i'll drop", "i'll do", "i'll rework",
  'next version', 'next revision', 'next spin', 'next iteration', 'fixed in v', 'fix it in v', 'in the next',
];

/** True when the text promises a change later ("Will fix in v2", "I'll drop it in the next version"). */
export function promisesChange(text: string): boolean {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  if (PROMISES.some((p) => t.includes(p))) return true;
  // "in v2", "for v3"
  for (const w of ['in v', 'for v']) {
    let i = t.indexOf(w);
    while (i >= 0) {
      const c = t[i + w.length];
      if (c >= '0' && c <= '9' && (i === 0 || !/[a-z]/.test(t[i - 1]))) return true;
      i = t.indexOf(w, i + 1);
    }
  }
  return false;
}

/** C-ish identifiers that are distinctive enough to name a change: `zone_device_data`, `page->pgmap`. */
export function identifiers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.slice(0, MAX_TEXT).matchAll(/[A-Za-z_][A-Za-z0-9_]{3,60}/g)) {
    if (m[0].includes('_')) out.add(m[0]);
  }
  return out;
}

function hasWord(text: string, word: string): boolean {
  let i = text.indexOf(word);
  while (i >= 0) {
    const before = i === 0 ? '' : text[i - 1];
    const after = text[i + word.length] ?? '';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
    i = text.indexOf(word, i + 1);
  }
  return false;
}

/**
 * What in a changelog entry names a review comment: the reviewer (full name, address, or first
 * name as a word), or an identifier that the comment both quotes and talks about.
 */
export function namesComment(entry: string, reviewer: Address, commentText: string, quoted: string[]): string[] {
  const names: string[] = [];
  const full = normalName(reviewer.name);
  if (full.includes(' ') && hasWord(normalName(entry), full)) names.push(reviewer.name);
  else if (reviewer.email && entry.toLowerCase().includes(reviewer.email.toLowerCase())) names.push(reviewer.email);
  else {
    const first = firstName(reviewer);
    if (first && hasWord(entry, first)) names.push(first);
  }
  const talked = identifiers(commentText);
  const quotedIds = identifiers(quoted.join('\n'));
  for (const id of talked) if (quotedIds.has(id) && hasWord(entry, id)) names.push(id);
  return names;
}

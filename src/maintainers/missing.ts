// Pre-submit check: which lists, maintainers and reviewers MAINTAINERS asks for that a mail's
// To/Cc leave out.

import type { Address } from '../model/mail.js';
import { matchFiles, type MatchOptions } from './get-maintainers.js';
import { filesFromPatch, sortAndUniq } from './patch-files.js';
import type { MaintainersDb, Recipient } from './types.js';

export type RecipientWhy = 'maintainer' | 'reviewer' | 'list' | 'file';

export interface MissingRecipient {
  recipient: Recipient;
  why: RecipientWhy;
  /** True when only K: keyword matches asked for this recipient. */
  keywordOnly: boolean;
}

export interface MissingReport {
  /** Everything get_maintainer.pl would print, in its order. */
  expected: Recipient[];
  missing: MissingRecipient[];
  present: Recipient[];
}

export interface MissingInput {
  /** Paths touched (when no patch text is given, or in addition to its own paths). */
  files?: string[];
  /** Patch text(s): paths and K: keyword lines come from it as get_maintainer.pl reads them. */
  patch?: string | string[];
  to: (Address | string)[];
  cc?: (Address | string)[];
}

function addressOf(a: Address | string): string {
  if (typeof a !== 'string') return a.email;
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(a);
  return (m ? m[1] : a).trim();
}

/** Lower-case; `user+tag@host` also counts as `user@host` (the tag still reaches the same person). */
function keys(address: string): string[] {
  const lower = address.toLowerCase();
  const plain = lower.replace(/\+[^@]*@/, '@');
  return plain === lower ? [lower] : [lower, plain];
}

function why(r: Recipient): RecipientWhy {
  if (r.kind === 'list') return 'list';
  const fields = r.refs.map((x) => x.field);
  if (fields.includes('M')) return 'maintainer';
  if (fields.includes('R')) return 'reviewer';
  return 'file';
}

export function missingRecipients(db: MaintainersDb, input: MissingInput, opts: MatchOptions = {}): MissingReport {
  let result;
  if (input.patch === undefined) {
    result = matchFiles(db, input.files ?? [], opts);
  } else {
    const texts = Array.isArray(input.patch) ? input.patch : [input.patch];
    const files = sortAndUniq([...texts.flatMap(filesFromPatch), ...(input.files ?? [])]);
    result = matchFiles(db, files, { ...opts, patchText: texts });
  }
  return compare(result.recipients, input);
}

function compare(expected: Recipient[], input: MissingInput): MissingReport {
  const sent = new Set<string>();
  for (const a of [...input.to, ...(input.cc ?? [])]) for (const k of keys(addressOf(a))) sent.add(k);
  const missing: MissingRecipient[] = [];
  const present: Recipient[] = [];
  for (const r of expected) {
    if (keys(r.address).some((k) => sent.has(k))) present.push(r);
    else missing.push({ recipient: r, why: why(r), keywordOnly: r.refs.length > 0 && r.refs.every((x) => x.keyword !== undefined) });
  }
  return { expected, missing, present };
}

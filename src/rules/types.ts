// The engine's inputs and outputs: plain data, serialisable, independent of how mail was read.
import type { PatchDiff } from '../diff/types.js';
import type { Address } from '../model/mail.js';
import type { Severity } from './schema.js';

export type { Severity } from './schema.js';

export interface EvalMail {
  from: Address;
  subject?: string;
  /** Decoded body: commit message, `---`, diffstat, diff (trailers and base-commit are read from it). */
  body: string;
  to: Address[];
  cc: Address[];
}

export interface EvalPatch {
  /** Position in the series (1..N); 0 for a patch sent on its own without a number. */
  index: number;
  msgid: string;
  /** Subject without prefixes; keeps fingerprints of process findings stable across versions. */
  title?: string;
  diff: PatchDiff;
  mail: EvalMail;
}

export interface EvalSeries {
  id?: string;
  title?: string;
  /** `base-commit:` as found by series assembly; the engine also looks in the bodies itself. */
  baseCommit?: string | null;
  cover?: { msgid: string; body: string; to?: Address[]; cc?: Address[] } | null;
}

/** A recipient MAINTAINERS asks for that the mail does not address (computed by src/maintainers). */
export interface MissingRecipient {
  email: string;
  name?: string;
  /** Why it is expected, e.g. "maintainer: MEMORY MANAGEMENT" or "list: linux-mm@kvack.org". */
  why?: string;
}

/** Data computed elsewhere that some built-in checks need; checks whose data is absent stay silent. */
export interface EvalContext {
  /** Per patch (or cover letter) Message-ID. */
  missingRecipients?: Record<string, MissingRecipient[]>;
}

export interface EvalInput {
  series?: EvalSeries;
  patches: EvalPatch[];
  context?: EvalContext;
}

export interface Finding {
  ruleId: string;
  /** Effective severity (after --severity overrides). */
  severity: Severity;
  title: string;
  /** The rule's message with its placeholders filled. */
  message: string;
  /** The patch; for series-level findings index 0 and the cover letter's (or first patch's) msgid. */
  patch: { index: number; msgid: string };
  /** Path in the tree (new path; old path for deletions); null for mail-level findings. */
  file: string | null;
  line: number | null;
  side: 'new' | 'old' | null;
  /** The matched line as written (or what a process check looked at). */
  text: string;
  /** Hash of rule id, path, normalised text and occurrence: equal for the same hit in v1 and v2. */
  fingerprint: string;
}

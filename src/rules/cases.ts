// Rule test cases as data (rules/cases/<rule-id>.yaml): small diffs or real corpus patches that
// must fire, and near misses that must not. One generic runner checks every rule against its cases.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { RULE_ID } from './schema.js';
import { pathText, positionOf } from './yaml-pos.js';

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item).min(1));

const Recipient = z.strictObject({ email: z.string().min(3), name: z.string().optional(), why: z.string().optional() });

/** Where a case's patch comes from; a case may also give these inline for a single patch. */
const patchFields = {
  /** A file under the corpus root (mbox, patch or mail). */
  corpus: z.string().optional(),
  /** Picks the mail whose Subject contains this (needed when the file holds several). */
  subject: z.string().optional(),
  /** A whole mail: headers, blank line, body. */
  mail: z.string().optional(),
  /** Just a diff; the case wraps it in a mail from `from` with a sign-off. */
  diff: z.string().optional(),
  from: z.string().optional(),
  /** Files left out of the patch (e.g. its Documentation/ABI part, to show the rule would fire without it). */
  drop_files: list(z.string()).optional(),
  /** Only these files of the patch are kept (to isolate one real hunk as a near miss). */
  only_files: list(z.string()).optional(),
};

export const PatchCase = z
  .strictObject(patchFields)
  .refine((p) => [p.corpus, p.mail, p.diff].filter((x) => x !== undefined).length === 1, {
    error: 'a patch comes from exactly one of corpus, mail, diff',
  });
export type PatchCase = z.infer<typeof PatchCase>;

export const ExpectedHit = z.strictObject({
  /** Position of the patch in the case (1-based); 0 for series-level findings. */
  patch: z.number().int().min(0).optional(),
  file: z.string().optional(),
  line: z.number().int().min(1).optional(),
  side: z.enum(['new', 'old']).optional(),
  /** A substring of the finding's message. */
  message: z.string().optional(),
});
export type ExpectedHit = z.infer<typeof ExpectedHit>;

export const RuleCase = z
  .strictObject({
    name: z.string().min(1),
    /** Several patches make a series; a single patch may be given inline instead. */
    patches: z.array(PatchCase).min(1).optional(),
    ...patchFields,
    base_commit: z.string().optional(),
    cover: z.string().optional(),
    /** context.missingRecipients by patch position (1-based; 0 for the cover letter). */
    missing_recipients: z.record(z.string().regex(/^\d+$/), z.array(Recipient)).optional(),
    /** Exactly these findings, in order; 0 or [] for a near miss; a number checks the count only. */
    hits: z.union([z.number().int().min(0), z.array(ExpectedHit)]),
  })
  .refine((c) => (c.patches !== undefined) !== (c.corpus !== undefined || c.mail !== undefined || c.diff !== undefined), {
    error: 'give either patches or one inline corpus/mail/diff',
  });
export type RuleCase = z.infer<typeof RuleCase>;

export const CaseFile = z.strictObject({
  rule: z.string().regex(RULE_ID),
  cases: z.array(RuleCase).min(1),
});
export type CaseFile = z.infer<typeof CaseFile>;

/** The patches of a case, inline form normalised to a list. */
export function casePatches(c: RuleCase): PatchCase[] {
  if (c.patches) return c.patches;
  const { corpus, subject, mail, diff, from, drop_files, only_files } = c;
  return [{ corpus, subject, mail, diff, from, drop_files, only_files }];
}

export const expectedCount = (c: RuleCase) => (typeof c.hits === 'number' ? c.hits : c.hits.length);

/** Reads a case file; throws one line `file:line:col: reason` on the first problem. */
export function readCaseFile(file: string): CaseFile {
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const p = counter.linePos(doc.errors[0].pos[0]);
    throw new Error(`${file}:${p.line}:${p.col}: YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  const parsed = CaseFile.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const pos = positionOf(doc, counter, issue.path, key);
    throw new Error(`${file}:${pos.line}:${pos.column}: ${pathText(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

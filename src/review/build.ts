// Loaded mail → the review model: diffs, anchors and versions here; MAINTAINERS and rules come in
// through small analyser hooks so this stays independent of where they are loaded from.
import type { Mail } from '../model/mail.js';
import type { PatchRef, Series } from '../model/series.js';
import type { Discussion, Finding, MissingRecipient, ReviewModel, ReviewPatch, ReviewSeries, SectionRef } from '../model/review.js';
import type { PatchDiff } from '../diff/types.js';
import type { Loaded } from '../pipeline/load.js';
import { parsePatch } from '../diff/parse.js';
import { seriesDiffstat } from '../diff/series-stat.js';
import { anchorReply } from './anchors.js';
import { lineageOf } from './versions.js';
import { buildDiscussion } from './discussion.js';
import type { Mailmap } from '../maintainers/types.js';
import { suggestionsOf } from './suggestions.js';
import { analyse, withAnalysis } from './analysis.js';

export interface PatchContext {
  series: Omit<Series, 'patches'>;
  patch: PatchRef;
  mail: Mail;
  diff: PatchDiff;
}

export interface Analysers {
  /** Description of the MAINTAINERS source, for the model. */
  maintainersSource?: string;
  sections?: (ctx: PatchContext) => { sections: SectionRef[]; missing: MissingRecipient[] };
  ruleIds?: string[];
  /** Findings for one series (patchIndex 0 for series-level ones). */
  rules?: (series: ReviewSeries, mails: Map<string, Mail>) => Finding[];
  /** The tree's .mailmap, to tie people's old addresses to their current ones, and where it came from. */
  mailmap?: Mailmap;
  mailmapSource?: string;
}

/** The commit message part of a patch mail: everything before the first `---` line. */
export function commitMessage(body: string): string {
  const m = /^---[ \t]*\r?$/m.exec(body);
  return m ? body.slice(0, m.index) : body;
}

const EMPTY_DIFF: PatchDiff = { files: [], stat: { files: 0, additions: 0, deletions: 0, lines: [] }, warnings: [] };

/** A patch mail's diff; a diff that cannot be read is a warning, never an exception. */
export function patchDiff(mail: Mail | undefined): { diff: PatchDiff; warnings: string[] } {
  const text = mail?.patch ?? null;
  if (text === null) return { diff: EMPTY_DIFF, warnings: ['no diff in this message'] };
  try {
    const diff = parsePatch(text);
    return { diff, warnings: diff.warnings };
  } catch (e) {
    return { diff: EMPTY_DIFF, warnings: [`diff could not be read: ${(e as Error).message}`] };
  }
}

function reviewPatch(p: PatchRef, mails: Map<string, Mail>): ReviewPatch {
  const mail = mails.get(p.msgid);
  const { diff, warnings } = patchDiff(mail);
  const anchors = p.replies.flatMap((r) => {
    const rm = mails.get(r.msgid);
    return rm ? anchorReply(r.msgid, r.from, rm.body, diff.files) : [];
  });
  return {
    ...p,
    message: mail ? commitMessage(mail.body).replace(/(\r?\n)+$/, '\n') : '',
    files: diff.files,
    diffstat: diff.stat,
    tags: [],
    sections: [],
    missingRecipients: [],
    findings: [],
    anchors,
    diffWarnings: warnings,
    suggestions: suggestionsOf(p.replies, mails),
  };
}

export interface BuildOptions {
  /**
   * Link versions across the loaded series (default). Off when the caller links them over more than
   * it has loaded (series --json over an archive, unit by unit).
   */
  lineage?: boolean;
  /**
   * Run MAINTAINERS and the rules on these series only (the others keep no sections or findings):
   * a window digest shows the analysis of the series in the window, not of their earlier versions.
   */
  analyse?: (s: ReviewSeries) => boolean;
  /** Build the discussion (default). The TUI builds it with the analysis, after its first frame. */
  discussion?: boolean;
}

/**
 * The review model. Without analysers it is the series as mailed (diffs, anchors, versions), which
 * is cheap; MAINTAINERS sections and rule findings are added by `analyse()` (analysis.ts), which a
 * view may also run later or elsewhere and merge in with `withAnalysis()`.
 */
export function buildReview(loaded: Loaded, an: Analysers = {}, opts: BuildOptions = {}): ReviewModel {
  const { model, mails } = loaded;
  const series: ReviewSeries[] = model.series.map((s) => {
    const coverMail = s.cover ? mails.get(s.cover.msgid) : undefined;
    const patches = s.patches.map((p) => reviewPatch(p, mails));
    // Trailing blank lines depend on how the mbox was written (mboxo vs lore's mboxrd), not on the mail.
    const cover = s.cover ? { ...s.cover, message: (coverMail?.body ?? '').replace(/(\r?\n)+$/, '\n'), suggestions: suggestionsOf(s.cover.replies, mails) } : null;
    return {
      ...s,
      cover,
      patches,
      // The net change of the whole series, as the cover letter's diffstat counts it (not the sum over patches).
      diffstat: seriesDiffstat(patches.map((p) => ({ files: p.files, stat: p.diffstat, warnings: [] }))),
      tags: [],
      findings: [],
      versions: [s.id],
      previous: null,
      lineage: null,
      // Filled in below, once the sections are known (the key keeps its place in the JSON).
      discussion: undefined as unknown as Discussion,
    };
  });
  if (opts.lineage !== false) {
    const versions = lineageOf(series, (msgid) => mails.get(msgid)?.body);
    for (const rs of series) Object.assign(rs, versions.get(rs.id));
  }
  const review: ReviewModel = {
    lorescope: 1,
    messages: model.messages,
    comments: model.comments,
    unattached: model.unattached,
    duplicates: model.duplicates,
    errors: model.errors,
    series,
    maintainers: null,
    rules: [],
    mailmap: an.mailmapSource ?? null,
  };
  const analysed = an.sections || an.rules || an.maintainersSource || an.ruleIds ? withAnalysis(review, analyse(review, mails, an, opts.analyse)) : review;
  return opts.discussion === false ? analysed : withDiscussion(analysed, mails, an.mailmap);
}

/**
 * Each series' discussion (sub-threads, people, who spoke for each touched section), from the model
 * as it stands: run again after an analysis arrives later (the TUI), since sections name the owners.
 */
export function withDiscussion(review: ReviewModel, mails: Map<string, Mail>, mailmap?: Mailmap): ReviewModel {
  for (const s of review.series) s.discussion = buildDiscussion({ author: s.author, total: s.total, cover: s.cover, patches: s.patches }, mails, { mailmap });
  return review;
}

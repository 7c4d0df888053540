// Loaded mail → the review model: diffs, anchors and versions here; MAINTAINERS and rules come in
// through small analyser hooks so this stays independent of where they are loaded from.
import type { Mail } from '../model/mail.js';
import type { PatchRef, Series } from '../model/series.js';
import type { Finding, MissingRecipient, ReviewModel, ReviewPatch, ReviewSeries, SectionRef } from '../model/review.js';
import type { FileDiff, PatchDiff } from '../diff/types.js';
import type { Loaded } from '../pipeline/load.js';
import { parsePatch } from '../diff/parse.js';
import { diffstat } from '../diff/diffstat.js';
import { anchorReply } from './anchors.js';
import { lineageOf } from './versions.js';
import { buildDiscussion } from './discussion.js';
import type { Mailmap } from '../maintainers/types.js';
import { suggestionsOf } from './suggestions.js';

export interface PatchContext {
  series: Series;
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

function analysePatch(series: Series, p: PatchRef, mails: Map<string, Mail>, an: Analysers): ReviewPatch {
  const mail = mails.get(p.msgid);
  const text = mail?.patch ?? null;
  let diff = EMPTY_DIFF;
  if (text !== null) {
    try {
      diff = parsePatch(text);
    } catch (e) {
      diff = { ...EMPTY_DIFF, warnings: [`diff could not be read: ${(e as Error).message}`] };
    }
  }
  const sec = mail && an.sections ? an.sections({ series, patch: p, mail, diff }) : { sections: [], missing: [] };
  const anchors = p.replies.flatMap((r) => {
    const rm = mails.get(r.msgid);
    return rm ? anchorReply(r.msgid, r.from, rm.body, diff.files) : [];
  });
  return {
    ...p,
    message: mail ? commitMessage(mail.body).replace(/(\r?\n)+$/, '\n') : '',
    files: diff.files,
    diffstat: diff.stat,
    tags: [...new Set(sec.sections.flatMap((s) => s.tags))].sort(),
    sections: sec.sections,
    missingRecipients: sec.missing,
    findings: [],
    anchors,
    diffWarnings: text === null ? ['no diff in this message'] : diff.warnings,
    suggestions: suggestionsOf(p.replies, mails),
  };
}

export function buildReview(loaded: Loaded, an: Analysers = {}): ReviewModel {
  const { model, mails } = loaded;
  const series: ReviewSeries[] = model.series.map((s) => {
    const patches = s.patches.map((p) => analysePatch(s, p, mails, an));
    const allFiles: FileDiff[] = patches.flatMap((p) => p.files);
    const coverMail = s.cover ? mails.get(s.cover.msgid) : undefined;
    // Trailing blank lines depend on how the mbox was written (mboxo vs lore's mboxrd), not on the mail.
    const cover = s.cover ? { ...s.cover, message: (coverMail?.body ?? '').replace(/(\r?\n)+$/, '\n'), suggestions: suggestionsOf(s.cover.replies, mails) } : null;
    const rs: ReviewSeries = {
      ...s,
      cover,
      patches,
      diffstat: diffstat(allFiles),
      tags: [...new Set(patches.flatMap((p) => p.tags))].sort(),
      findings: [],
      versions: [s.id],
      previous: null,
      lineage: null,
      discussion: buildDiscussion({ author: s.author, total: s.total, cover, patches }, mails, { mailmap: an.mailmap }),
    };
    if (an.rules) {
      const findings = an.rules(rs, mails);
      rs.findings = findings;
      for (const p of rs.patches) p.findings = findings.filter((f) => f.patchIndex === p.index && f.msgid === p.msgid);
    }
    return rs;
  });
  const versions = lineageOf(series, (msgid) => mails.get(msgid)?.body);
  for (const rs of series) Object.assign(rs, versions.get(rs.id));
  return {
    lorescope: 1,
    messages: model.messages,
    comments: model.comments,
    unattached: model.unattached,
    duplicates: model.duplicates,
    errors: model.errors,
    series,
    maintainers: an.maintainersSource ?? null,
    rules: an.ruleIds ?? [],
    mailmap: an.mailmapSource ?? null,
  };
}

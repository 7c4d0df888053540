// The part of the review model that MAINTAINERS and the rules add (sections, tags, missing
// recipients, findings), apart from the rest, so a view can show the series first and the analysis
// when it is done, possibly computed elsewhere (a worker thread) and sent over as plain data.
import type { Mail } from '../model/mail.js';
import type { Finding, MissingRecipient, ReviewModel, ReviewSeries, SectionRef } from '../model/review.js';
import type { Analysers } from './build.js';

export interface PatchAnalysis {
  index: number;
  msgid: string;
  tags: string[];
  sections: SectionRef[];
  missingRecipients: MissingRecipient[];
  findings: Finding[];
}

export interface SeriesAnalysis {
  id: string;
  tags: string[];
  findings: Finding[];
  patches: PatchAnalysis[];
}

export interface Analysis {
  maintainers: string | null;
  rules: string[];
  series: SeriesAnalysis[];
}

/**
 * MAINTAINERS sections and rule findings for every series of a model built without them: what
 * `buildReview` adds when given analysers. Needs the patch and cover mails only.
 */
export function analyse(model: ReviewModel, mails: Map<string, Mail>, an: Analysers, only?: (s: ReviewSeries) => boolean): Analysis {
  const series = model.series.filter((s) => !only || only(s)).map((s): SeriesAnalysis => {
    const patches = s.patches.map((p) => {
      const mail = mails.get(p.msgid);
      const sec = mail && an.sections
        ? an.sections({ series: s, patch: p, mail, diff: { files: p.files, stat: p.diffstat, warnings: p.diffWarnings } })
        : { sections: [], missing: [] };
      return { ...p, tags: [...new Set(sec.sections.flatMap((x) => x.tags))].sort(), sections: sec.sections, missingRecipients: sec.missing };
    });
    const withSections: ReviewSeries = { ...s, patches, tags: [...new Set(patches.flatMap((p) => p.tags))].sort(), findings: [] };
    const findings = an.rules ? an.rules(withSections, mails) : [];
    return {
      id: s.id,
      tags: withSections.tags,
      findings,
      patches: patches.map((p) => ({
        index: p.index, msgid: p.msgid, tags: p.tags, sections: p.sections, missingRecipients: p.missingRecipients,
        findings: findings.filter((f) => f.patchIndex === p.index && f.msgid === p.msgid),
      })),
    };
  });
  return { maintainers: an.maintainersSource ?? null, rules: an.ruleIds ?? [], series };
}

function merge(s: ReviewSeries, a: SeriesAnalysis): ReviewSeries {
  const byPatch = new Map(a.patches.map((p) => [`${p.index} ${p.msgid}`, p]));
  return {
    ...s,
    tags: a.tags,
    findings: a.findings,
    patches: s.patches.map((p) => {
      const pa = byPatch.get(`${p.index} ${p.msgid}`);
      return pa ? { ...p, tags: pa.tags, sections: pa.sections, missingRecipients: pa.missingRecipients, findings: pa.findings } : p;
    }),
  };
}

/**
 * The model with the analysis filled in. Series are matched by id and patches by index and
 * Message-ID; a series the analysis does not know keeps what it had.
 */
export function withAnalysis(model: ReviewModel, a: Analysis): ReviewModel {
  const byId = new Map(a.series.map((s) => [s.id, s]));
  return {
    ...model,
    maintainers: a.maintainers,
    rules: a.rules,
    series: model.series.map((s) => {
      const sa = byId.get(s.id);
      return sa ? merge(s, sa) : s;
    }),
  };
}

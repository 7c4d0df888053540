// MAINTAINERS → the review model's sections, tags and missing recipients for one patch.
import type { Address } from '../model/mail.js';
import type { MissingRecipient, SectionRef } from '../model/review.js';
import type { MaintainersDb } from '../maintainers/index.js';
import { matchFiles, missingRecipients, sectionTags } from '../maintainers/index.js';
import { parsePerson } from '../series/trailers.js';
import type { Analysers, PatchContext } from './build.js';

function sectionRef(db: MaintainersDb, id: number): SectionRef {
  const s = db.sections[id];
  const ref: SectionRef = { name: s.name, status: s.status || null, maintainers: [], reviewers: [], lists: [], trees: [], tags: sectionTags(db, id) };
  for (let i = s.start + 1; i < s.end; i++) {
    const { type, value } = db.lines[i];
    if (type === 'M' || type === 'R') {
      const p: Address | null = parsePerson(value);
      if (p) (type === 'M' ? ref.maintainers : ref.reviewers).push(p);
    } else if (type === 'L') ref.lists.push(value.split(/\s/)[0]);
    else if (type === 'T') ref.trees.push(value);
  }
  return ref;
}

/** Sections in get_maintainer.pl's order (file matches, then K: keyword matches), THE REST included. */
export function sectionsFor(db: MaintainersDb, ctx: PatchContext): { sections: SectionRef[]; missing: MissingRecipient[] } {
  const files = [...new Set(ctx.diff.files.flatMap((f) => [f.path, f.oldPath]).filter((x): x is string => !!x))];
  const patchText = ctx.mail.patch ?? '';
  const r = matchFiles(db, files, { patchText });
  const ids: number[] = [];
  for (const m of r.matches) for (const s of m.sections) if (!ids.includes(s.section)) ids.push(s.section);
  for (const k of r.keywordSections) if (!ids.includes(k.section)) ids.push(k.section);
  // The sender need not Cc themselves.
  const report = missingRecipients(db, { files, patch: patchText, to: ctx.mail.to, cc: [...ctx.mail.cc, ctx.mail.from] });
  const missing: MissingRecipient[] = report.missing
    .filter((m) => m.why !== 'file')
    .map((m) => ({
      email: m.recipient.address,
      name: m.recipient.name.replace(/^"(.*)"$/, '$1'),
      role: m.why as MissingRecipient['role'],
      section: m.recipient.refs[0]?.section != null ? db.sections[m.recipient.refs[0].section!].name : '',
    }));
  return { sections: ids.map((id) => sectionRef(db, id)), missing };
}

export function maintainersAnalyser(db: MaintainersDb, source: string): Pick<Analysers, 'sections' | 'maintainersSource'> {
  return { maintainersSource: source, sections: (ctx) => sectionsFor(db, ctx) };
}

// MAINTAINERS → ReviewPatch.sections for the digest tests, through src/maintainers, until the CLI's
// own analyser wiring lands (src/cli/review.ts analysersFor).
import type { Analysers } from '../src/review/build.js';
import type { SectionRef, MissingRecipient } from '../src/model/review.js';
import type { Address } from '../src/model/mail.js';
import { loadMaintainers, matchFiles, missingRecipients, sectionTags, type MaintainersDb } from '../src/maintainers/index.js';
import { parsePerson } from '../src/series/trailers.js';
import { corpus } from './helpers/corpus.js';

export const MAINTAINERS = corpus('kernel', 'MAINTAINERS-6.12');

function sectionRef(db: MaintainersDb, id: number): SectionRef {
  const s = db.sections[id];
  const ref: SectionRef = { name: s.name, status: s.status || null, maintainers: [], reviewers: [], lists: [], trees: [], tags: sectionTags(db, id) };
  for (let i = s.start + 1; i < s.end; i++) {
    const { type, value } = db.lines[i];
    const person = (): Address | null => parsePerson(value);
    if (type === 'M') {
      const p = person();
      if (p) ref.maintainers.push(p);
    } else if (type === 'R') {
      const p = person();
      if (p) ref.reviewers.push(p);
    } else if (type === 'L') ref.lists.push(value.split(/\s/)[0]);
    else if (type === 'T') ref.trees.push(value);
  }
  return ref;
}

export function maintainersAnalysers(path = MAINTAINERS): Analysers {
  const { db } = loadMaintainers(path);
  return {
    maintainersSource: path,
    sections: ({ mail, diff }) => {
      const files = [...new Set(diff.files.flatMap((f) => [f.path, f.oldPath]).filter((x): x is string => !!x))];
      const r = matchFiles(db, files, { patchText: mail.patch ?? '' });
      const ids: number[] = [];
      for (const m of r.matches) for (const s of m.sections) if (!ids.includes(s.section)) ids.push(s.section);
      for (const k of r.keywordSections) if (!ids.includes(k.section)) ids.push(k.section);
      const report = missingRecipients(db, { files, to: mail.to, cc: [...mail.cc, mail.from] });
      const missing: MissingRecipient[] = report.missing
        .filter((m) => m.why !== 'file')
        .map((m) => ({
          email: m.recipient.address,
          name: m.recipient.name.replace(/^"(.*)"$/, '$1'),
          role: m.why as MissingRecipient['role'],
          section: m.recipient.refs[0]?.section != null ? db.sections[m.recipient.refs[0].section!].name : '',
        }));
      return { sections: ids.map((id) => sectionRef(db, id)), missing };
    },
  };
}

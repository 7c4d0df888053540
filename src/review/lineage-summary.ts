// A review series → the small summary the lineage matcher reads (see model/lineage.ts).
import type { LineageSummary, PatchKey } from '../model/lineage.js';
import type { ReviewPatch, ReviewSeries } from '../model/review.js';
import { patchId } from './patch-id.js';
import { versionLinks } from './version-links.js';

export function patchKey(p: ReviewPatch): PatchKey {
  return { index: p.index, title: p.title, files: [...new Set(p.files.map((f) => f.path))], patchId: p.files.length ? patchId(p.files) : null };
}

/** A patch mail's notes: between the first `---` and the diff, where a lone patch keeps its changelog. */
function notesOf(body: string): string {
  const start = body.search(/^---[ \t]*\r?$/m);
  if (start < 0) return '';
  const rest = body.slice(start);
  const end = rest.search(/^(diff --git |Index: |--- a\/)/m);
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * `patchBody(msgid)` gives a patch mail's body when the series has no cover letter (its notes may
 * name the earlier versions); without it only the cover letter is read.
 */
export function summarize(s: ReviewSeries, patchBody?: (msgid: string) => string | undefined): LineageSummary {
  let links: string[] = [];
  if (s.cover) links = versionLinks(s.cover.message);
  else if (s.patches[0] && patchBody) links = versionLinks(notesOf(patchBody(s.patches[0].msgid) ?? ''));
  const own = [s.cover?.msgid, ...s.patches.map((p) => p.msgid)].filter((x): x is string => !!x);
  return {
    id: s.id,
    author: s.author,
    date: s.date,
    version: s.version,
    rfc: s.rfc,
    title: s.title,
    changeId: s.changeId,
    patches: s.patches.map(patchKey),
    messageIds: own,
    versionLinks: links.filter((id) => !own.includes(id)),
  };
}

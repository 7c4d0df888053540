// What the terminal UI hands to its background analysis: the cover letters and patches of the shown
// series (as bytes, so they cross to a worker thread as one buffer) and the series as the UI first
// drew them. The job adds MAINTAINERS sections and rule findings; the UI merges them in when done.
import type { Mail, Origin } from '../model/mail.js';
import type { ReviewModel } from '../model/review.js';
import type { Loaded } from '../pipeline/load.js';
import type { Analysis } from '../review/analysis.js';
import type { ReviewFlags } from './review.js';

/** The flags the analysis reads (plain data: they cross to the worker). */
export type AnalysisFlags = Pick<ReviewFlags, 'maintainers' | 'tree' | 'rules' | 'disable' | 'enable'>;

export interface AnalysisJob {
  flags: AnalysisFlags;
  /** The model without diffs (they are parsed again from the mails: cheaper than copying them). */
  model: ReviewModel;
  /** The mails' raw bytes one after the other, with each one's length and origin. */
  bytes: Uint8Array;
  lengths: number[];
  origins: Origin[];
}

export interface AnalysisResult {
  analysis: Analysis;
  /** One-line warnings (a malformed rule file, an unknown --enable id) for the status line. */
  warnings: string[];
}

/** Cover letters and patches: the messages the sections and rules read. */
function shownMails(review: ReviewModel, mails: Map<string, Mail>): Mail[] {
  const ids = new Set<string>();
  for (const s of review.series) {
    if (s.cover) ids.add(s.cover.msgid);
    for (const p of s.patches) ids.add(p.msgid);
  }
  return [...ids].map((id) => mails.get(id)).filter((m): m is Mail => m !== undefined);
}

export function jobFor(loaded: Loaded, review: ReviewModel, flags: AnalysisFlags): AnalysisJob {
  const list = shownMails(review, loaded.mails);
  // One compact copy: a mail's bytes may be a view into a large read buffer, which a structured
  // clone would copy whole, once per mail.
  const bytes = Buffer.concat(list.map((m) => m.raw));
  const { maintainers, tree, rules, disable, enable } = flags;
  return {
    flags: { maintainers, tree, rules, disable, enable },
    model: { ...review, series: review.series.map((s) => ({ ...s, patches: s.patches.map((p) => ({ ...p, files: [], anchors: [], message: '' })) })) },
    bytes,
    lengths: list.map((m) => m.raw.length),
    origins: list.map((m) => m.origin),
  };
}

export async function runJob(job: AnalysisJob): Promise<AnalysisResult> {
  const [{ parseMail }, { patchDiff }, { analyse }, { analysersFor }] = await Promise.all([
    import('../mail/parse.js'), import('../review/build.js'), import('../review/analysis.js'), import('./review.js'),
  ]);
  const mails = new Map<string, Mail>();
  const buf = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  let at = 0;
  job.lengths.forEach((n, i) => {
    const { mail } = parseMail({ bytes: buf.subarray(at, at + n), origin: job.origins[i] });
    at += n;
    if (!mails.has(mail.msgid)) mails.set(mail.msgid, mail);
  });
  const model: ReviewModel = {
    ...job.model,
    series: job.model.series.map((s) => ({
      ...s,
      patches: s.patches.map((p) => {
        const { diff, warnings } = patchDiff(mails.get(p.msgid));
        return { ...p, files: diff.files, diffstat: diff.stat, diffWarnings: warnings };
      }),
    })),
  };
  const warnings: string[] = [];
  const an = await analysersFor({ ...job.flags }, (w) => warnings.push(w.replace(/\n+$/, '')));
  return { analysis: analyse(model, mails, an), warnings };
}

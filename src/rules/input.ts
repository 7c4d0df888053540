// Building the engine's input from what the ingest pipeline produces (Mail, Series).
import { parsePatch } from '../diff/parse.js';
import type { PatchDiff } from '../diff/types.js';
import type { Mail } from '../model/mail.js';
import type { Series } from '../model/series.js';
import { parseSubject } from '../series/subject.js';
import type { EvalContext, EvalInput, EvalPatch } from './types.js';

export type DiffParser = (text: string) => PatchDiff;

/** One patch mail as rule input; `index` defaults to the number in its subject. */
export function patchFromMail(mail: Mail, index?: number, parse: DiffParser = parsePatch): EvalPatch {
  const subject = parseSubject(mail.subject);
  return {
    index: index ?? subject.index ?? 0,
    msgid: mail.msgid,
    title: subject.title,
    diff: parse(mail.patch ?? ''),
    mail: { from: mail.from, subject: mail.subject, body: mail.body, to: mail.to, cc: mail.cc },
  };
}

/**
 * A series from the pipeline as rule input: its patches in order as sent (a partial reroll is a series
 * of its own), the cover letter for series-level checks.
 */
export function inputFromSeries(series: Series, mails: ReadonlyMap<string, Mail>, context?: EvalContext, parse: DiffParser = parsePatch): EvalInput {
  const patches: EvalPatch[] = [];
  const refs = [...series.patches].sort((a, b) => a.index - b.index);
  for (const ref of refs) {
    const mail = mails.get(ref.msgid);
    if (!mail) continue;
    patches.push({ ...patchFromMail(mail, ref.index, parse), title: ref.title });
  }
  const coverMail = series.cover ? mails.get(series.cover.msgid) : undefined;
  return {
    series: {
      id: series.id,
      title: series.title,
      baseCommit: series.baseCommit,
      cover: coverMail ? { msgid: coverMail.msgid, body: coverMail.body, to: coverMail.to, cc: coverMail.cc } : null,
    },
    patches,
    ...(context ? { context } : {}),
  };
}

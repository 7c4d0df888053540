// The rule engine over a review series: its inputs from the model, its findings into the model.
import type { Finding, ReviewSeries } from '../model/review.js';
import type { Mail } from '../model/mail.js';
import type { Rule } from '../rules/index.js';
import { evaluate, ruleMeta } from '../rules/index.js';
import type { EvalInput, EvalPatch, MissingRecipient } from '../rules/index.js';
import type { Analysers } from './build.js';

export function evalInput(series: ReviewSeries, mails: Map<string, Mail>): EvalInput {
  const patches: EvalPatch[] = [];
  const missing: Record<string, MissingRecipient[]> = {};
  let sawMaintainers = false;
  for (const p of series.patches) {
    const mail = mails.get(p.msgid);
    if (!mail) continue;
    patches.push({
      index: p.index, msgid: p.msgid, title: p.title,
      diff: { files: p.files, stat: p.diffstat, warnings: p.diffWarnings },
      mail: { from: mail.from, subject: mail.subject, body: mail.body, to: mail.to, cc: mail.cc },
    });
    if (p.sections.length) sawMaintainers = true;
    missing[p.msgid] = p.missingRecipients.map((m) => ({ email: m.email, name: m.name, why: `${m.role}: ${m.section}` }));
  }
  const cover = series.cover ? mails.get(series.cover.msgid) : undefined;
  return {
    series: { id: series.id, title: series.title, baseCommit: series.baseCommit, cover: cover ? { msgid: cover.msgid, body: cover.body, to: cover.to, cc: cover.cc } : null },
    patches,
    // Without MAINTAINERS nothing is known to be missing: the Cc check stays silent rather than guess.
    ...(sawMaintainers ? { context: { missingRecipients: missing } } : {}),
  };
}

export function rulesAnalyser(active: Rule[]): Pick<Analysers, 'rules' | 'ruleIds'> {
  const meta = new Map(active.map((r) => [r.id, ruleMeta(r)]));
  return {
    ruleIds: active.map((r) => r.id),
    rules: (series, mails) => evaluate(active, evalInput(series, mails)).map((f): Finding => {
      const m = meta.get(f.ruleId);
      return {
        ruleId: f.ruleId, severity: f.severity, title: f.title, message: f.message,
        rationale: m?.rationale ?? '', ...(m?.link ? { link: m.link } : {}),
        patchIndex: f.patch.index, msgid: f.patch.msgid, file: f.file, line: f.line, side: f.side,
        text: f.text, fingerprint: f.fingerprint,
      };
    }),
  };
}

// `check --json`: stable, documented in README ("check --json"). Written as it goes: the series and
// findings lists come from the report one by one (see report.ts).
import type { ReviewModel } from '../../model/review.js';
import { framedJson, listMark } from '../json.js';
import { failsAt, type FailOn } from './select.js';
import { reportOf, type CheckReport } from './report.js';

export function* checkJsonChunks(report: CheckReport, failOn: FailOn): Generator<string | Buffer> {
  const shape = {
    lorescope: 1,
    failOn,
    failed: failsAt(report.counts, failOn),
    counts: report.counts,
    rules: report.rules,
    series: listMark(0),
    findings: listMark(1),
    errors: report.errors.map((e) => ({ source: e.origin.source, index: e.origin.index, msgid: e.msgid ?? null, severity: e.severity, message: e.message })),
  };
  const series = (function* () {
    for (const s of report.series()) {
      yield JSON.stringify({ id: s.id, title: s.title, version: s.version, total: s.total, patches: s.patches.map((p) => ({ index: p.index, msgid: p.msgid, subject: p.subject, missingRecipients: p.missingRecipients })) }, null, 2);
    }
  })();
  const findings = (function* () {
    for (const f of report.findings()) yield JSON.stringify(f, null, 2);
  })();
  yield* framedJson(shape, [series, findings]);
  yield '\n';
}

export function formatCheckJson(review: ReviewModel, failOn: FailOn): string {
  return [...checkJsonChunks(reportOf(review), failOn)].join('');
}

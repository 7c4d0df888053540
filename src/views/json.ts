// Stable JSON: the model with errors flattened (documented in README, "JSON output").
import type { IngestError } from '../model/mail.js';
import type { ReviewModel } from '../model/review.js';

export const JSON_SCHEMA_VERSION = 1;

export function flattenErrors(errors: IngestError[]) {
  return errors.map((e) => ({
    source: e.origin.source,
    index: e.origin.index,
    locator: e.origin.locator ?? null,
    msgid: e.msgid ?? null,
    severity: e.severity,
    message: e.message,
  }));
}

/** `series --json`: the review model with per-file summaries instead of every diff line. */
export function seriesJson(model: ReviewModel): string {
  const series = model.series.map((s) => ({
    ...s,
    patches: s.patches.map((p) => ({ ...p, files: p.files.map(({ hunks, ...f }) => ({ ...f, hunks: hunks.length })) })),
  }));
  return JSON.stringify({ ...model, lorescope: JSON_SCHEMA_VERSION, series, errors: flattenErrors(model.errors) }, null, 2);
}

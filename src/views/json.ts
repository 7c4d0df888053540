// Stable JSON: the model with errors flattened (documented in README, "JSON output").
import type { IngestError } from '../model/mail.js';
import type { ReviewModel, ReviewSeries } from '../model/review.js';

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

/** One series of `series --json`: per-file summaries instead of every diff line. */
export function seriesItem(s: ReviewSeries) {
  return { ...s, patches: s.patches.map((p) => ({ ...p, files: p.files.map(({ hunks, ...f }) => ({ ...f, hunks: hunks.length })) })) };
}

/** `series --json`: the review model with per-file summaries instead of every diff line. */
export function seriesJson(model: ReviewModel): string {
  return JSON.stringify({ ...model, lorescope: JSON_SCHEMA_VERSION, series: model.series.map(seriesItem), errors: flattenErrors(model.errors) }, null, 2);
}

const MARK = '\u0000series\u0000';

/**
 * `series --json` written as it goes, byte for byte what seriesJson gives: the fields around the
 * series list first, then each series (already as seriesItem JSON, unindented) as it comes.
 */
export async function writeSeriesJson(model: Omit<ReviewModel, 'series'>, series: AsyncIterable<string>, write: (s: string) => void | Promise<void>): Promise<void> {
  // The model's own key order, the series list right after the errors (where buildReview puts it).
  const shape: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) {
    shape[k] = k === 'lorescope' ? JSON_SCHEMA_VERSION : k === 'errors' ? flattenErrors(model.errors) : v;
    if (k === 'errors') shape.series = [MARK];
  }
  const frame = JSON.stringify(shape, null, 2);
  const at = frame.indexOf(JSON.stringify(MARK));
  const open = frame.lastIndexOf('[', at);
  const close = frame.indexOf(']', at);
  let n = 0;
  for await (const item of series) {
    const body = JSON.stringify(JSON.parse(item), null, 2).replace(/\n/g, '\n    ');
    await write(n++ === 0 ? frame.slice(0, open + 1) + '\n    ' + body : ',\n    ' + body);
  }
  await write(n === 0 ? frame.slice(0, open) + '[]' + frame.slice(close + 1) : '\n  ' + frame.slice(close));
}

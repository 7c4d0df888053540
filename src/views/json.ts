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

/** Stands in a JSON shape for a list whose items come later (see framedJson). */
export function listMark(n: number): string[] {
  return [`\u0000list\u0000${n}\u0000`];
}

/**
 * `JSON.stringify(shape, null, 2)` written piece by piece, each `listMark(n)` array in the shape
 * replaced by the items of `lists[n]` (each as `JSON.stringify(item, null, 2)`), so a long list
 * is never held whole. Marks must appear in the shape in the order of their numbers.
 */
export function* framedJson(shape: unknown, lists: Iterable<string | Buffer>[]): Generator<string | Buffer> {
  const frame = JSON.stringify(shape, null, 2);
  let from = 0;
  for (const [n, items] of lists.entries()) {
    const mark = JSON.stringify(listMark(n)[0]);
    const at = frame.indexOf(mark, from);
    const open = frame.lastIndexOf('[', at);
    const close = frame.indexOf(']', at);
    // Items sit where the mark sits; their own lines move in as far.
    const indent = '\n' + ' '.repeat(at - frame.lastIndexOf('\n', at) - 1);
    let k = 0;
    for (const item of items) {
      const text = String(item).replace(/\n/g, indent);
      yield k++ === 0 ? frame.slice(from, open + 1) + indent + text : ',' + indent + text;
    }
    yield k === 0 ? frame.slice(from, open) + '[]' : frame.slice(at + mark.length, close + 1);
    from = close + 1;
  }
  yield frame.slice(from);
}

/**
 * `series --json` written as it goes, byte for byte what seriesJson gives: the fields around the
 * series list first, then each series (already as seriesItem JSON, unindented) as it comes.
 */
export function* seriesJsonChunks(model: Omit<ReviewModel, 'series'>, series: Iterable<string>): Generator<string | Buffer> {
  // The model's own key order, the series list right after the errors (where buildReview puts it).
  const shape: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) {
    shape[k] = k === 'lorescope' ? JSON_SCHEMA_VERSION : k === 'errors' ? flattenErrors(model.errors) : v;
    if (k === 'errors') shape.series = listMark(0);
  }
  yield* framedJson(shape, [(function* () {
    for (const item of series) yield JSON.stringify(JSON.parse(item), null, 2);
  })()]);
}

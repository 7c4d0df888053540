// Stable JSON: the review model with errors flattened (documented in README, "JSON output").
import type { SeriesModel } from '../model/series.js';

export const JSON_SCHEMA_VERSION = 1;

export function toJson(model: SeriesModel): string {
  const errors = model.errors.map((e) => ({
    source: e.origin.source,
    index: e.origin.index,
    locator: e.origin.locator ?? null,
    msgid: e.msgid ?? null,
    severity: e.severity,
    message: e.message,
  }));
  return JSON.stringify({ lorescope: JSON_SCHEMA_VERSION, ...model, errors }, null, 2);
}

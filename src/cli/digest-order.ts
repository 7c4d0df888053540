// The streamed digest's parts (digest-stream.ts) rendered one series at a time, and written back in
// the order reading everything gives: the newest version of each work by newest activity, or the
// window's series by their last message in it, then title; ties in input order.
import type { Db } from '../index/db.js';
import type { SeriesDigest } from '../review/digest.js';
import { newestOfEach } from '../review/digest.js';
import { sinceOrder, sinceWindow, type SinceEntry } from '../review/since.js';
import { digestMarkdown, markdownChunks, markdownSinceChunks, sinceEntryMarkdown } from '../views/digest/markdown.js';
import { digestArticle, htmlChunks, htmlSinceChunks, sinceEntryHtml } from '../views/digest/html.js';
import { framedJson, listMark } from '../views/json.js';

export type DigestFormat = 'md' | 'html' | 'json';

/** What the order needs of each series of the input (every one: a work's versions span units). */
export interface Digested {
  id: string;
  pos: number;
  title: string;
  lastActivity: string | null;
  /** Every version of its work, by the whole input's lineage. */
  versions: string[];
  /** Set when the series is in the `--since` window. */
  lastInWindow?: string;
}

export interface DigestRun {
  db: Db;
  format: DigestFormat;
  window: ReturnType<typeof sinceWindow> | null;
  series: Digested[];
}

const json = (x: unknown) => JSON.stringify(x, null, 2);

/** One series' part of the digest in a format: as the whole-input renderers write it. */
export function partRenderer(format: DigestFormat): { series: (d: SeriesDigest) => string; since: (e: SinceEntry) => string } {
  if (format === 'json') return { series: json, since: json };
  if (format === 'html') return { series: digestArticle, since: sinceEntryHtml };
  return { series: digestMarkdown, since: sinceEntryMarkdown };
}

/** The digest, part by part from the table, in order. */
export function* digestInOrder(run: DigestRun): Generator<string | Buffer> {
  const inOrder = [...run.series].sort((a, b) => a.pos - b.pos);
  const { window } = run;
  const order = window
    ? inOrder.filter((s) => s.lastInWindow !== undefined).sort((a, b) => sinceOrder({ lastInWindow: a.lastInWindow!, title: a.title }, { lastInWindow: b.lastInWindow!, title: b.title }))
    : newestOfEach(inOrder, (s) => s.lastActivity);
  const get = run.db.prepare('SELECT body FROM digest_parts WHERE id = ?').pluck();
  const parts = (function* () {
    for (const s of order) {
      const body = get.get(s.id) as Buffer | undefined;
      // Every series in the order was digested with its unit: a missing part is a bug, not an empty digest.
      if (!body) throw new Error(`digest: no part for series <${s.id}>`);
      yield body;
    }
  })();
  if (run.format === 'json') {
    const shape = window ? { lorescope: 1, digest: 'since', since: window.since, until: window.until, entries: listMark(0) } : { lorescope: 1, digest: 'series', series: listMark(0) };
    yield* framedJson(shape, [parts]);
    yield '\n';
  } else if (window) yield* (run.format === 'html' ? htmlSinceChunks : markdownSinceChunks)(window, parts);
  else if (run.format === 'html') yield* htmlChunks(order.length, order[0]?.title ?? '', parts);
  else yield* markdownChunks(parts);
}

// Sources → mails → threads → series: the core pipeline as one call.
import type { IngestError, Mail, RawMessage } from '../model/mail.js';
import type { SeriesModel, Trailer } from '../model/series.js';
import { parseMail } from '../mail/parse.js';
import { buildThreads, type ThreadForest } from '../thread/build.js';
import { classify, type Classified } from '../series/classify.js';
import { assembleSeries } from '../series/assemble.js';
import { buildSeries } from '../series/build.js';
import { openSource, type OpenOptions } from '../sources/open.js';

export interface LoadOptions extends OpenOptions {
  sloppyTrailers?: boolean;
  /** Called every so often with the number of messages read (progress display). */
  onProgress?: (messages: number) => void;
}

export interface Loaded {
  model: SeriesModel;
  mails: Map<string, Mail>;
  forest: ThreadForest;
  classified: Classified[];
  /** Trailers left out because their address differs from the sender's (not sloppy). */
  ignoredTrailers: Trailer[];
}

export interface MailCollector {
  mails: Map<string, Mail>;
  errors: IngestError[];
  duplicates: number;
  count: number;
}

export function newCollector(): MailCollector {
  return { mails: new Map(), errors: [], duplicates: 0, count: 0 };
}

/** Parse and keep one raw message; duplicates of a Message-ID are kept once and counted. */
export function collect(col: MailCollector, raw: RawMessage): void {
  col.count++;
  if (raw.error) {
    col.errors.push({ origin: raw.origin, severity: 'error', message: raw.error });
    return;
  }
  let parsed;
  try {
    parsed = parseMail(raw);
  } catch (e) {
    col.errors.push({ origin: raw.origin, severity: 'error', message: `unreadable message: ${(e as Error).message}` });
    return;
  }
  const { mail, warnings } = parsed;
  for (const w of warnings) col.errors.push({ origin: raw.origin, msgid: mail.msgid, severity: 'warning', message: w });
  if (col.mails.has(mail.msgid)) {
    col.duplicates++;
    col.errors.push({ origin: raw.origin, msgid: mail.msgid, severity: 'warning', message: 'duplicate Message-ID; first copy kept' });
    return;
  }
  col.mails.set(mail.msgid, mail);
}

export async function collectFrom(col: MailCollector, raws: AsyncIterable<RawMessage>, opts: LoadOptions = {}): Promise<void> {
  for await (const raw of raws) {
    collect(col, raw);
    if (opts.onProgress && col.count % 2000 === 0) opts.onProgress(col.count);
  }
}

/** Read every source; a source that cannot be read becomes an error entry, the others still load. */
export async function loadSources(sources: string[], opts: LoadOptions = {}): Promise<Loaded> {
  const col = newCollector();
  for (const src of sources) {
    try {
      await collectFrom(col, openSource(src, opts), opts);
    } catch (e) {
      col.errors.push({ origin: { source: src, index: -1 }, severity: 'error', message: (e as Error).message });
    }
  }
  return analyse(col, opts);
}

export function analyse(col: MailCollector, opts: LoadOptions = {}): Loaded {
  const mails = [...col.mails.values()];
  const forest = buildThreads(mails);
  const classified = classify(forest, mails);
  const drafts = assembleSeries(classified);
  const built = buildSeries(drafts, classified, { sloppyTrailers: opts.sloppyTrailers });
  const model: SeriesModel = {
    messages: col.count,
    comments: built.comments,
    unattached: built.unattached,
    duplicates: col.duplicates,
    errors: col.errors,
    series: built.series,
  };
  return { model, mails: col.mails, forest, classified, ignoredTrailers: built.ignored };
}

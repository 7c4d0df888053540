// `lorescope digest SOURCE...`: the reviewer digest of each series (Markdown or one HTML file), or
// with --since a short list digest of every series posted or discussed in a window.
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Mail } from '../model/mail.js';
import type { ReviewModel, ReviewSeries } from '../model/review.js';
import type { DigestOptions } from '../review/digest.js';
import type { VersionChanges } from '../review/interdiff.js';
import { UsageError } from './errors.js';
import type { ReviewFlags } from './review.js';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';

const DAY = 86_400_000;

/** `2024-03-10`, an ISO date-time, or a span back from now: `7d`, `2w`, `36h`. */
export function parseSince(text: string, now: Date = new Date()): Date {
  const rel = /^(\d{1,4})([hdw])$/.exec(text.trim());
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2] === 'h' ? DAY / 24 : rel[2] === 'd' ? DAY : 7 * DAY;
    return new Date(now.getTime() - n * unit);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    const d = new Date(`${text.trim()}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) {
    const d = new Date(text.trim());
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new UsageError(`--since ${text}: not a date (use YYYY-MM-DD, an ISO date-time, or 7d / 2w / 36h)`);
}

/** range-diff for every version step of the series to digest; a step that fails falls back to the mail. */
async function rangeDiffs(tree: string, review: ReviewModel, mails: Map<string, Mail>, ids: string[]): Promise<DigestOptions> {
  const [{ versionsUpTo }, { rangeDiffChanges, RangeDiffError }] = await Promise.all([import('../review/digest.js'), import('../review/range-diff.js')]);
  const changes = new Map<string, VersionChanges>();
  const changeNotes = new Map<string, string>();
  const byId = new Map(review.series.map((s) => [s.id, s]));
  for (const id of ids) {
    const versions = versionsUpTo(review, byId.get(id)!);
    for (let i = 1; i < versions.length; i++) {
      const newer = versions[i];
      if (changes.has(newer.id) || changeNotes.has(newer.id)) continue;
      try {
        changes.set(newer.id, await rangeDiffChanges(tree, versions[i - 1], newer, mails));
      } catch (e) {
        if (!(e instanceof RangeDiffError)) throw e;
        changeNotes.set(newer.id, `git range-diff could not run (${e.message}); compared the mail instead`);
      }
    }
  }
  return { changes, changeNotes };
}

/**
 * Over indexed sources the digest goes unit by unit and is written as it goes (digest-stream.ts).
 * `--track` stays on the path below: its table is added to the whole text.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function streamed(sources: string[], opts: any, since: Date | null): Promise<boolean> {
  const flags: ReviewFlags = { ...opts };
  const idx = await (await import('./load.js')).indexedSources(sources, flags);
  if (!idx) return false;
  const [{ streamDigest }, { digestInOrder }, { analysersFor }, { formatErrors }, { openSink, warn }] = await Promise.all([
    import('./digest-stream.js'), import('./digest-order.js'), import('./review.js'), import('../views/series-text.js'), import('./output.js'),
  ]);
  const tree: string | undefined = opts.tree;
  const { run, totals } = await streamDigest(idx.db, idx.sources, {
    an: await analysersFor(flags), sloppyTrailers: !!opts.sloppyTrailers, format: opts.format, since, until: new Date(),
    changes: tree ? (review, mails, ids) => rangeDiffs(tree, review, mails, ids) : undefined,
  });
  if (totals.messages === 0) throw new UsageError('no messages in input');
  const errs = formatErrors({ errors: totals.errors.filter((e) => e.severity === 'error') });
  if (errs) warn(errs);
  const sink = openSink(opts.output);
  try {
    for (const c of digestInOrder(run)) await sink.write(c);
  } finally {
    sink.close();
  }
  return true;
}

export function registerDigest(program: Command): Command {
  const cmd = program
    .command('digest')
    .description('reviewer digest: MAINTAINERS sections × who reviewed, scoped acks, changes since the last version, open feedback, missing Cc')
    .argument('[source...]', 'mbox/maildir files, Message-IDs or lore URLs (default: the bundled demo)')
    .addOption(new Option('--format <format>', 'md (default), html (one self-contained file) or json (the digest data)').choices(['md', 'html', 'json']).default('md'))
    .option('-o, --output <file>', 'write the digest to FILE')
    .option('--since <date>', 'short digest of every series posted or discussed since DATE (YYYY-MM-DD, ISO time, 7d, 2w)')
    .option('--maintainers <file>', 'MAINTAINERS file for the sections of each patch')
    .option('--tree <dir>', 'kernel tree: its MAINTAINERS, and git range-diff between versions')
    .option('--mboxrd', "force mboxrd unescaping (detected from lore's `From mboxrd@z` by default)")
    .option('--sloppy-trailers', "apply trailers whose address differs from the sender's")
    .option('--track', 'add the review state of the series (lorescope track) to the digest')
    .option('--state-db <url>', 'review state database for --track (default as for lorescope track)');
  addSourceOptions(addGithubPrOptions(cmd));
  return cmd.action(async (sources: string[], opts) => {
    const since = opts.since ? parseSince(opts.since) : null;
    if (!opts.track && !opts.githubPr && await streamed(sources, opts, since)) return;
    const [{ loadReview }, { formatErrors }, { writeOut, warn }, { digestSeries, latestVersions }] = await Promise.all([
      import('./review.js'), import('../views/series-text.js'), import('./output.js'), import('../review/digest.js'),
    ]);
    const flags: ReviewFlags = { ...opts };
    // A window needs only the series active in it and their earlier versions: the index reads just those.
    // ... and only the series in the window are analysed (MAINTAINERS, rules): the digest shows theirs.
    const { activityDates } = await import('../review/digest.js');
    const inWindow = since ? (s: ReviewSeries) => activityDates(s).some((d) => d >= since.toISOString()) : undefined;
    const { loaded, review } = await loadReview(sources, flags, since ? { kind: 'since', since: since.getTime() } : undefined, { analyse: inWindow });
    if (loaded.model.messages === 0) throw new UsageError('no messages in input');
    const errs = formatErrors({ ...loaded.model, errors: loaded.model.errors.filter((e) => e.severity === 'error') });
    if (errs) warn(errs);
    const html = opts.format === 'html';
    let text: string;
    const digested = since ? review.series : latestVersions(review);
    const track = opts.track ? await (await import('./digest-track.js')).digestTrack(digested, opts, !!since) : null;
    if (since) {
      const ids = review.series.map((s) => s.id);
      const dopts = opts.tree ? await rangeDiffs(opts.tree, review, loaded.mails, ids) : {};
      const { sinceDigest } = await import('../review/since.js');
      const s = sinceDigest(review, loaded.mails, since, new Date(), dopts);
      text = opts.format === 'json' ? JSON.stringify({ lorescope: 1, digest: 'since', ...s, ...(track ? { track } : {}) }, null, 2) + '\n'
        : html ? (await import('../views/digest/html.js')).renderHtmlSince(s) : (await import('../views/digest/markdown.js')).renderMarkdownSince(s);
    } else {
      const latest = latestVersions(review);
      const dopts = opts.tree ? await rangeDiffs(opts.tree, review, loaded.mails, latest.map((s) => s.id)) : {};
      const digests = latest.map((s) => digestSeries(review, s, loaded.mails, dopts));
      text = opts.format === 'json' ? JSON.stringify({ lorescope: 1, digest: 'series', series: digests, ...(track ? { track } : {}) }, null, 2) + '\n'
        : html ? (await import('../views/digest/html.js')).renderHtml(digests) : (await import('../views/digest/markdown.js')).renderMarkdown(digests);
    }
    if (track && opts.format !== 'json') {
      const { trackMarkdown, withTrackHtml } = await import('../views/digest/track.js');
      text = html ? withTrackHtml(text, track) : `${text.replace(/\n*$/, '\n\n')}${trackMarkdown(track)}`;
    }
    writeOut(text, opts.output);
  });
}

// `lorescope tui SOURCE...`: the review session in the terminal (ink, loaded only here).
import type { Command } from 'commander';
import type { ReviewFlags } from './review.js';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';
import { addRuleOptions } from './rule-options.js';
import type { TrackFlags } from './track-context.js';
import type { Pager, Window } from './tui-pager.js';
import type { BackgroundJob } from './tui-analysis.js';
import type { WindowSource } from '../views/tui/window-effects.js';

/**
 * Load SOURCE and run the UI. The first frame is drawn as text from the series as mailed, as soon
 * as the mail is read; MAINTAINERS and the rules then run in a worker thread while ink (~300 ms to
 * import unbundled) loads and takes over, and their findings appear when they are done.
 */
export async function openTui(sources: string[], flags: ReviewFlags & TrackFlags): Promise<number> {
  // React's development build is several times slower and prints developer warnings.
  process.env.NODE_ENV ??= 'production';
  const [{ loadFromArgs }, { buildReview }, { maintainersPath }, { lazyMessages }, { splitThreadArgs, loadThread, bareMsgid }] = await Promise.all([
    import('./load.js'), import('../review/build.js'), import('./review.js'), import('../review/messages.js'), import('./thread-pick.js'),
  ]);
  // A MAINTAINERS file named on the command line must exist: a usage error, before the terminal is
  // taken. (Finding one through git config is left to the background: it runs git.) A tree without
  // one is not an error: the analysis says so in the status line; written to stderr here, the line
  // stayed on the terminal under the UI's first frame (seen as a lost status line under load).
  if (flags.maintainers || flags.tree) maintainersPath(flags, () => undefined);
  // `tui SOURCE… MSGID`: the thread of that message, out of the local sources (never the network).
  const thread = flags.githubPr ? null : splitThreadArgs(sources);
  // An indexed archive with more series than a window holds: a window at a time.
  if (!thread && !flags.githubPr) {
    const { pagerFor } = await import('./tui-pager.js');
    const pager = await pagerFor(sources, flags);
    if (pager) return pagedTui(pager, flags);
  }
  const loaded = thread ? await loadThread(thread.sources, thread.msgid, flags) : await loadFromArgs(sources, flags);
  // The first frame needs the series only: the discussion comes with the background analysis.
  const review = buildReview(loaded, {}, { discussion: false });
  // The series holding the message is shown first (its newest revision, as am picks it).
  let open: string | undefined;
  if (thread) {
    const { pickSeries } = await import('../am/index.js');
    open = pickSeries(loaded.model.series, bareMsgid(thread.msgid))?.id;
  }
  // Review state (marks, states) and `a` (apply) reach the UI through its effects layer.
  const [{ openTuiTrack }, { provideTrackSession }] = await Promise.all([import('./tui-track.js'), import('../views/tui/track-services.js')]);
  const track = await openTuiTrack(loaded, review, flags);
  provideTrackSession(track);
  const [{ launchTui }, { analyseInBackground }] = await Promise.all([import('../views/tui/launch.js'), import('./tui-analysis.js')]);
  try {
    // Message texts are decoded when a view first reads one, not before the first frame.
    return await launchTui(review, { open, messages: lazyMessages(loaded.mails, review), background: () => analyseInBackground(loaded, review, flags) });
  } finally {
    await track?.close();
  }
}

/** The UI over the windows of an archive: one window's mail, review, marks and analysis at a time. */
async function pagedTui(pager: Pager, flags: ReviewFlags & TrackFlags): Promise<number> {
  const [{ lazyMessages }, { openTuiTrack }, { provideTrackSession }, { launchTui }, { analyseInBackground }] = await Promise.all([
    import('../review/messages.js'), import('./tui-track.js'), import('../views/tui/track-services.js'), import('../views/tui/launch.js'), import('./tui-analysis.js'),
  ]);
  const first = await pager.read(0);
  const track = await openTuiTrack(first.loaded, first.review, flags);
  provideTrackSession(track);
  // The background analysis runs for the window shown; leaving it stops it.
  let job: BackgroundJob | null = null;
  const analyse = (w: Window) => {
    job?.cancel();
    job = analyseInBackground(w.loaded, w.review, flags);
    return job;
  };
  const windows: WindowSource = async (index) => {
    job?.cancel();
    job = null;
    const w = await pager.read(index);
    await track?.show(w.loaded, w.review);
    const view = track ? { ...track.view, mine: { ...track.view.mine }, parts: { ...track.view.parts } } : null;
    return { review: w.review, messages: lazyMessages(w.loaded.mails, w.review), analysed: analyse(w).result, track: view };
  };
  try {
    return await launchTui(first.review, {
      messages: lazyMessages(first.loaded.mails, first.review),
      background: () => analyse(first),
      page: { count: pager.count, total: pager.total, windows },
    });
  } finally {
    (job as BackgroundJob | null)?.cancel();
    await track?.close();
  }
}

export function registerTui(program: Command): Command {
  const cmd = addRuleOptions(program
    .command('tui')
    .description('review SOURCE in the terminal: overview, patches with findings and comments, threads, reply drafts (default: the bundled demo)')
    .argument('[source...]', 'mbox/mboxrd file (.gz too), maildir, directory of mbox files, - for stdin, or a Message-ID / lore URL; SOURCE… MSGID: only the thread of MSGID out of the local SOURCEs')
    .option('--mboxrd', 'force mboxrd unescaping (detected from lore\'s `From mboxrd@z` by default)')
    .option('--sloppy-trailers', 'apply trailers whose address differs from the sender\'s'))
    .option('--maintainers <file>', 'MAINTAINERS file for subsystem tags and Cc checks')
    .option('--tree <dir>', 'kernel tree: its MAINTAINERS, and where `a` applies a series')
    .option('--state-db <url>', 'review state: postgres://… shared by a team, or a SQLite file (default $LORESCOPE_STATE_DB, git config lorescope.stateDb, else $XDG_STATE_HOME/lorescope/state.sqlite)');
  return addSourceOptions(addGithubPrOptions(cmd)).action(async (sources: string[], opts: ReviewFlags) => {
    const code = await openTui(sources, opts);
    if (code) process.exitCode = code;
  });
}

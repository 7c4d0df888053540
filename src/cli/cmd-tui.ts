// `lorescope tui SOURCE...`: the review session in the terminal (ink, loaded only here).
import type { Command } from 'commander';
import type { ReviewFlags } from './review.js';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';
import { addRuleOptions } from './rule-options.js';
import type { TrackFlags } from './track-context.js';

/**
 * Load SOURCE and run the UI. The first frame is drawn as text as soon as the mail is read; ink
 * (~300 ms to import) loads after that and takes over (src/views/tui/launch.ts).
 */
export async function openTui(sources: string[], flags: ReviewFlags & TrackFlags): Promise<number> {
  // React's development build is several times slower and prints developer warnings.
  process.env.NODE_ENV ??= 'production';
  const [{ loadReview }, { collectMessages }] = await Promise.all([import('./review.js'), import('../review/messages.js')]);
  const { loaded, review } = await loadReview(sources, flags);
  const messages = collectMessages(loaded.mails, review);
  // Review state (marks, states) and `a` (apply) reach the UI through its effects layer.
  const [{ openTuiTrack }, { provideTrackSession }] = await Promise.all([import('./tui-track.js'), import('../views/tui/track-services.js')]);
  const track = await openTuiTrack(loaded, review, flags);
  provideTrackSession(track);
  const { launchTui } = await import('../views/tui/launch.js');
  try {
    return await launchTui(review, { messages });
  } finally {
    await track?.close();
  }
}

export function registerTui(program: Command): Command {
  const cmd = addRuleOptions(program
    .command('tui')
    .description('review SOURCE in the terminal: overview, patches with findings and comments, threads, reply drafts (default: the bundled demo)')
    .argument('[source...]', 'mbox/mboxrd file (.gz too), maildir, directory of mbox files, - for stdin, or a Message-ID / lore URL')
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

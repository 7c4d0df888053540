// SOURCE arguments → the loaded review input. Every command goes through here.
import { analyse, type Loaded } from '../pipeline/load.js';
import { SourceError } from '../sources/read.js';
import { DEMO_DIR } from './paths.js';
import { clearProgress, progressReporter } from './progress.js';
import { collectArgs } from './collect.js';
import { UsageError } from './errors.js';
import type { RemoteFlags } from './source-options.js';
import type { Selection } from '../index/load.js';

export { UsageError };

export interface SourceFlags extends RemoteFlags {
  mboxrd?: boolean;
  sloppyTrailers?: boolean;
  /** `--github-pr OWNER/REPO#N`: a pull request read as the series. */
  githubPr?: string;
  githubApi?: string;
}

/** With no SOURCE (and no --public-inbox), the bundled demo series. */
export function defaultSources(args: string[], flags: SourceFlags = {}): string[] {
  return args.length || flags.publicInbox?.length ? args : [DEMO_DIR];
}

/** `select` narrows what is read when the index holds the sources (see src/index/load.ts). */
export async function loadFromArgs(args: string[], flags: SourceFlags, select?: Selection): Promise<Loaded> {
  // Loaded lazily: octokit costs start-up time nobody else should pay.
  if (flags.githubPr) return (await import('./load-github.js')).loadFromGithubPr(flags.githubPr, flags);
  const sources = defaultSources(args, flags);
  const onProgress = progressReporter('reading');
  try {
    const col = await collectArgs(sources, flags, { mboxrd: flags.mboxrd, onProgress, select });
    return analyse(col, { sloppyTrailers: flags.sloppyTrailers });
  } catch (e) {
    // Network, cache and mirror failures end the command with one line and exit code 2.
    if (e instanceof SourceError) throw new UsageError(e.message);
    throw e;
  } finally {
    if (onProgress) clearProgress();
  }
}

/**
 * The index and the sources when every SOURCE (default: the demo) is a local path it holds, brought
 * up to date with a progress line: what a command needs to work unit by unit (unit-stream.ts). Null
 * when anything must be read otherwise (stdin, a Message-ID, --no-index).
 */
export async function indexedSources(args: string[], flags: SourceFlags) {
  const { indexedOnly } = await import('./collect.js');
  const onProgress = progressReporter('indexing');
  try {
    return await indexedOnly(defaultSources(args, flags), flags, { mboxrd: flags.mboxrd, onProgress });
  } finally {
    if (onProgress) clearProgress();
  }
}

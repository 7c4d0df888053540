// SOURCE arguments → the loaded review input. Every command goes through here.
import { existsSync } from 'node:fs';
import { loadSources, type Loaded } from '../pipeline/load.js';
import { DEMO_DIR } from './paths.js';
import { clearProgress, progressReporter } from './progress.js';

export interface SourceFlags {
  mboxrd?: boolean;
  sloppyTrailers?: boolean;
}

export class UsageError extends Error {}

/** With no SOURCE, the bundled demo series. */
export function defaultSources(args: string[]): string[] {
  return args.length ? args : [DEMO_DIR];
}

export async function loadFromArgs(args: string[], flags: SourceFlags): Promise<Loaded> {
  const sources = defaultSources(args);
  for (const s of sources) {
    if (s !== '-' && !existsSync(s)) throw new UsageError(`${s}: no such file or directory`);
  }
  const onProgress = progressReporter('reading');
  try {
    return await loadSources(sources, { mboxrd: flags.mboxrd, sloppyTrailers: flags.sloppyTrailers, onProgress });
  } finally {
    if (onProgress) clearProgress();
  }
}

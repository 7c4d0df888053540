// The options every command that reads mail shares (`--lore`, `--refresh`, `--offline`,
// `--public-inbox`). Reading the SOURCE arguments is in collect.ts, loaded when a command runs.
import type { Command } from 'commander';
import { repeatable } from './repeatable.js';
import { DEFAULT_LORE_URL } from './defaults.js';

export interface RemoteFlags {
  lore?: string;
  refresh?: boolean;
  offline?: boolean;
  publicInbox?: string[];
  /** False with `--no-index`: read the sources directly, leaving nothing in the cache. */
  index?: boolean;
}


export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--lore <url>', `public-inbox server (or one inbox) that MSGID arguments are fetched from; default $LORESCOPE_LORE_URL, git config lorescope.loreUrl, ${DEFAULT_LORE_URL}`)
    .option('--refresh', 'ignore the cache: download threads again, re-read --public-inbox mirrors from the start')
    .option('--offline', 'never use the network: MSGID/URL threads must be in the cache')
    .option('--public-inbox <dir>', 'also read every message of a public-inbox git mirror (v2 or v1); may be repeated', repeatable)
    .option('--no-index', 'do not use or update the on-disk index (also LORESCOPE_NO_INDEX=1): a one-shot read');
}

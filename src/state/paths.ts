// Where a user's own lorescope state lives: $XDG_STATE_HOME/lorescope (~/.local/state/lorescope). Not
// the cache: the cache is rebuilt and deleted freely, review state is a user's work.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function stateDirFor(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'lorescope');
}

export const STATE_FILE = 'state.sqlite';

export function defaultStateDb(env: NodeJS.ProcessEnv): string {
  return join(stateDirFor(env), STATE_FILE);
}

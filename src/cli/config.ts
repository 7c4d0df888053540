// git-config-style settings (`lorescope.tree`, `lorescope.loreUrl`, user.name/email), read on demand.
import { execFileSync } from 'node:child_process';

const cache = new Map<string, string | null>();

export function gitConfig(key: string): string | null {
  if (cache.has(key)) return cache.get(key)!;
  let value: string | null = null;
  try {
    value = execFileSync('git', ['config', '--get', key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    value = null;
  }
  cache.set(key, value);
  return value;
}

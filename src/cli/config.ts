// git-config-style settings (`lorescope.tree`, `lorescope.loreUrl`, user.name/email), read on demand:
// every `user.*` and `lorescope.*` key in one `git config` run (each run costs a process start).
import { execFileSync } from 'node:child_process';

const cache = new Map<string, string | null>();
let loaded = false;
const MINE = /^(user|lorescope)\./i;

function loadMine(): void {
  loaded = true;
  let out = '';
  try {
    out = execFileSync('git', ['config', '-z', '--get-regexp', '^(user|lorescope)\\.'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return; // no such keys (git exits 1), or no git: every lookup answers null
  }
  // Entries are "key\nvalue\0"; a later one (a more local file) wins, as with `git config --get`.
  for (const entry of out.split('\0')) {
    if (!entry) continue;
    const nl = entry.indexOf('\n');
    const key = (nl < 0 ? entry : entry.slice(0, nl)).toLowerCase();
    cache.set(key, nl < 0 ? null : entry.slice(nl + 1).trim() || null);
  }
}

export function gitConfig(key: string): string | null {
  const k = key.toLowerCase();
  if (MINE.test(k)) {
    if (!loaded) loadMine();
    return cache.get(k) ?? null;
  }
  if (cache.has(k)) return cache.get(k)!;
  let value: string | null = null;
  try {
    value = execFileSync('git', ['config', '--get', key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    value = null;
  }
  cache.set(k, value);
  return value;
}

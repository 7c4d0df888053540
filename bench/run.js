// `npm run bench`: every benchmark in this directory, one after the other.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const skip = new Set(['run.js', 'gen-mbox.js']);
for (const f of readdirSync(here).filter((n) => n.endsWith('.js') && !skip.has(n) && !n.includes('-child')).sort()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  console.log(`\n== bench/${f}`);
  const r = spawnSync(process.execPath, [join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) console.log(`bench/${f} failed with exit code ${r.status}`);
}

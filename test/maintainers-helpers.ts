// Shared by the maintainers tests: corpus paths, the Debian linux-source tarball (MAINTAINERS,
// scripts/get_maintainer.pl, .mailmap, the .yaml files and the directory list, extracted once into
// a cache under the temp dir), and the tie-order check for get_maintainer.pl's random hash order.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatGetMaintainer, matchFiles, type FileMatch, type MaintainersDb, type MatchOptions } from '../src/maintainers/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS = path.resolve(here, '../../shared/corpus');
export const KERNEL = path.join(CORPUS, 'kernel');
export const MAINTAINERS_612 = path.join(KERNEL, 'MAINTAINERS-6.12');
export const TARBALL = process.env.LORESCOPE_LINUX_TARBALL ?? '/usr/src/linux-source-6.12.tar.xz';

export function readTsv(name: string): [string, string][] {
  const text = readFileSync(path.join(KERNEL, 'get_maintainer', name), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      return [l.slice(0, tab), l.slice(tab + 1)];
    });
}

/**
 * The reference files join output lines with one separator character. The corpus README says
 * 0x1f; the files at hand use a literal `x` after every line (a `tr '\n' '\x1f'` that read `\x`
 * as `x`). Encode our output the same way, whichever it is.
 */
export function encoderFor(rows: [string, string][]): (out: string) => string {
  const sep = rows.some(([, e]) => e.includes('\x1f')) ? '\x1f' : 'x';
  const strip = (s: string) => (s.endsWith(sep) ? s.slice(0, -1) : s);
  return (out) => strip(out.replaceAll('\n', sep));
}

export function normaliseExpected(rows: [string, string][], expected: string): string {
  const sep = rows.some(([, e]) => e.includes('\x1f')) ? '\x1f' : 'x';
  return expected.endsWith(sep) ? expected.slice(0, -1) : expected;
}

export interface KernelExtract {
  /** Directory holding MAINTAINERS, scripts/get_maintainer.pl, .mailmap and every .yaml file. */
  root: string;
  /** Every path of the tarball, relative to the tree (directories end in `/`). */
  listing: string[];
  mailmap: string;
}

function run(cmd: string, args: string[], stdoutFile?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const child = spawn(cmd, args, { stdio: ['ignore', fd, 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (typeof fd === 'number') closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited ${code}: ${err.split('\n')[0]}`));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Extract into `cache`; when another test process holds the lock, wait for its result instead. */
async function extractOnce(cache: string): Promise<void> {
  const lock = `${cache}.lock`;
  try {
    mkdirSync(lock);
  } catch {
    const stale = Date.now() - statSync(lock).mtimeMs > 10 * 60_000;
    if (stale) rmSync(lock, { recursive: true, force: true });
    for (let waited = 0; !stale && waited < 110_000; waited += 500) {
      if (existsSync(path.join(cache, 'done'))) return;
      await sleep(500);
    }
    if (existsSync(path.join(cache, 'done'))) return;
    mkdirSync(lock, { recursive: true });
  }
  try {
    const work = `${cache}.tmp-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.join(work, 'tree'), { recursive: true });
    await Promise.all([
      run('tar', ['-tJf', TARBALL], path.join(work, 'listing.txt')),
      run('tar', [
        '-xJf', TARBALL, '-C', path.join(work, 'tree'), '--strip-components=1', '--wildcards',
        '*/MAINTAINERS', '*/scripts/get_maintainer.pl', '*/.mailmap', '*.yaml',
      ]),
    ]);
    writeFileSync(path.join(work, 'done'), '');
    rmSync(cache, { recursive: true, force: true });
    renameSync(work, cache);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Extract once per tarball version (about 10 s, two tar runs in parallel); null without the package. */
export async function kernelExtract(): Promise<KernelExtract | null> {
  if (!existsSync(TARBALL)) return null;
  const st = statSync(TARBALL);
  const cache = path.join(tmpdir(), `lorescope-linux-${st.size}-${Math.floor(st.mtimeMs)}`);
  if (!existsSync(path.join(cache, 'done'))) await extractOnce(cache);
  const listing = readFileSync(path.join(cache, 'listing.txt'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^[^/]*\//, ''))
    .filter((l) => l !== '');
  const root = path.join(cache, 'tree');
  return { root, listing, mailmap: readFileSync(path.join(root, '.mailmap'), 'utf8') };
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i], ...p];
  }
}

/** Every section order get_maintainer.pl may use for a file: equal depths in any order. */
function fileOrders(m: FileMatch): FileMatch[] {
  const groups: FileMatch['sections'][] = [];
  for (let i = 0; i < m.sections.length; ) {
    let j = i + 1;
    while (j < m.sections.length && m.sections[j].depth === m.sections[i].depth) j++;
    groups.push(m.sections.slice(i, j));
    i = j;
  }
  let orders: FileMatch['sections'][] = [[]];
  for (const g of groups) orders = orders.flatMap((o) => [...permutations(g)].map((p) => [...o, ...p]));
  return orders.map((sections) => ({ file: m.file, sections }));
}

export interface OrderCheck {
  /** True when our default order prints `expected`, or some tie order does; null if too many to try. */
  ok: boolean | null;
  /** Number of orders the script could have used. */
  orders: number;
}

/** Does our output equal `expected` for the script's own order of equal-depth sections? */
export function matchesSomeOrder(
  db: MaintainersDb,
  files: string[],
  opts: MatchOptions,
  expected: string,
  encode: (out: string) => string,
  limit = 50_000,
): OrderCheck {
  const base = matchFiles(db, files, opts);
  if (encode(formatGetMaintainer(base)) === expected) return { ok: true, orders: 1 };
  const choices = base.matches.map(fileOrders);
  const total = choices.reduce((n, c) => n * c.length, 1);
  if (total > limit) return { ok: null, orders: total };
  const pick = new Array<number>(choices.length).fill(0);
  for (let n = 0; n < total; n++) {
    let k = 0;
    const r = matchFiles(db, files, { ...opts, reorder: () => choices[k][pick[k++]] });
    if (encode(formatGetMaintainer(r)) === expected) return { ok: true, orders: total };
    for (let d = 0; d < pick.length; d++) {
      if (++pick[d] < choices[d].length) break;
      pick[d] = 0;
    }
  }
  return { ok: false, orders: total };
}

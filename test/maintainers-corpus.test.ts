// Every row of the get_maintainer.pl reference outputs in the corpus (files.tsv: -f PATH without
// keywords; patches.tsv: each Debian patch with keywords) must print exactly the same.
//
// The references were made inside a 6.12 tree: F: values that are directories there gain a `/`,
// the tree's .mailmap rewrites some addresses, and .yaml files add the addresses they contain.
// With the linux-source-6.12 tarball we give our matcher the same view (directory list, .mailmap,
// .yaml contents). Without it, rows needing data beyond MAINTAINERS are skipped (visibly).
//
// Sections of equal depth come out in Perl hash order, random per run (see match.ts): for those
// rows the reference must equal our output for one of the orders the script could have used.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadMaintainers,
  treeFromListing,
  filesFromPatch,
  type MaintainersDb,
  type MatchOptions,
} from '../src/maintainers/index.js';
import { KERNEL, MAINTAINERS_612, encoderFor, kernelExtract, matchesSomeOrder, normaliseExpected, readTsv, type KernelExtract } from './maintainers-helpers.js';

let kernel: KernelExtract | null = null;
let db: MaintainersDb;
let readFile: MatchOptions['readFile'];
const maintainersText = readFileSync(MAINTAINERS_612, 'utf8');

beforeAll(async () => {
  kernel = await kernelExtract();
  if (kernel) {
    const k = kernel;
    const tree = treeFromListing(k.listing, (p) => {
      const full = path.join(k.root, p);
      return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    });
    db = loadMaintainers({ text: maintainersText }, { directories: tree.isDirectory, mailmap: k.mailmap }).db;
    readFile = tree.readFile;
  } else {
    console.warn('maintainers-corpus: /usr/src/linux-source-6.12.tar.xz not found: rows that need the tree (.mailmap, .yaml contents) are skipped');
    db = loadMaintainers({ text: maintainersText }).db;
  }
});

/**
 * Without the tree, a row is checkable only if every person it prints is written with that address
 * in the section its role names (else the tree's .mailmap rewrote it) and none came from a .yaml.
 */
function needsTree(expected: string): boolean {
  if (expected.includes('in file')) return true;
  // Every printed line ends with `)` (its role); lines are joined by one separator character.
  const lines = expected.split(/(?<=\))[x\x1f](?=.)/);
  return lines.some((line) => {
    const m = /<([^<>]+)> \((?:[^:()]+):(.*)\)$/.exec(line);
    if (!m) return false;
    const [, address, section] = m;
    const name = section.endsWith('...') ? section.slice(0, -3) : section + '\n';
    const at = maintainersText.indexOf('\n' + name);
    if (at < 0) return true;
    const end = maintainersText.indexOf('\n\n', at + 1);
    return !maintainersText.slice(at, end < 0 ? undefined : end).includes(`<${address}>`);
  });
}

function check(rows: [string, string][], run: (key: string) => { files: string[]; opts: MatchOptions }) {
  const encode = encoderFor(rows);
  const failures: string[] = [];
  let tieRows = 0;
  let skipped = 0;
  for (const [key, raw] of rows) {
    const expected = normaliseExpected(rows, raw);
    if (!kernel && needsTree(expected)) {
      skipped++;
      continue;
    }
    const { files, opts } = run(key);
    const r = matchesSomeOrder(db, files, { ...opts, readFile }, expected, encode);
    if (r.ok !== true) failures.push(`${key} (${r.ok === null ? `${r.orders} orders, too many to try` : 'differs'})`);
    if (r.orders > 1) tieRows++;
  }
  return { failures, tieRows, skipped };
}

describe('get_maintainer.pl reference outputs (MAINTAINERS 6.12)', () => {
  it('files.tsv: every path prints the same as get_maintainer.pl -f PATH --no-keywords', () => {
    const rows = readTsv('files.tsv');
    expect(rows.length).toBeGreaterThan(1000);
    const { failures, tieRows, skipped } = check(rows, (p) => ({ files: [p], opts: { keywords: false } }));
    console.log(`files.tsv: ${rows.length} rows, ${rows.length - skipped} checked, ${tieRows} in another order of equal-depth sections, ${skipped} skipped`);
    expect(failures).toEqual([]);
  });

  it('patches.tsv: every Debian patch prints the same as get_maintainer.pl PATCH', () => {
    const rows = readTsv('patches.tsv');
    expect(rows.length).toBe(166);
    const { failures, tieRows, skipped } = check(rows, (p) => {
      const text = readFileSync(path.join(KERNEL, 'debian-patches', p), 'utf8');
      return { files: filesFromPatch(text), opts: { patchText: text } };
    });
    console.log(`patches.tsv: ${rows.length} rows, ${rows.length - skipped} checked, ${tieRows} in another order of equal-depth sections, ${skipped} skipped`);
    expect(failures).toEqual([]);
  });
});

// `lorescope maintainers`: who to send a patch to, with get_maintainer.pl's semantics and output.
import type { Command } from 'commander';
import { Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { LoadResult, TreeView } from '../maintainers/index.js';
import { repeatable } from './repeatable.js';
import { UsageError } from './errors.js';
import { gitConfig } from './config.js';
import { writeOut, warn } from './output.js';


async function load(opts: { maintainers?: string; tree?: string }): Promise<LoadResult & { tree?: TreeView }> {
  const { loadFromTree, loadMaintainers } = await import('../maintainers/index.js');
  try {
    if (opts.maintainers) return loadMaintainers({ path: opts.maintainers });
    const tree = opts.tree ?? gitConfig('lorescope.tree');
    if (tree) return loadFromTree(tree);
  } catch (e) {
    throw new UsageError(`cannot read MAINTAINERS: ${(e as Error).message.split('\n')[0]}`);
  }
  throw new UsageError('no MAINTAINERS: give --maintainers FILE or --tree DIR (or git config lorescope.tree)');
}

export function registerMaintainers(program: Command): Command {
  return program
    .command('maintainers')
    .description('maintainers, reviewers and lists for files or patches, as scripts/get_maintainer.pl prints them')
    .argument('[patch...]', 'patch files (git format-patch mail or plain diffs)')
    .option('--maintainers <file>', 'the MAINTAINERS file')
    .option('--tree <dir>', 'a kernel tree (its MAINTAINERS, .mailmap and directory layout)')
    .option('-f, --file <path>', 'a file in the tree instead of a patch (repeatable)', repeatable, [])
    .option('--no-keywords', 'do not match K: keywords against the patch lines')
    .option('--pattern-depth <n>', 'only the N most specific pattern levels', (v) => Number(v))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'get_maintainer', 'json']).default('table'))
    .option('--json', 'same as --format json')
    .action(async (patches: string[], opts) => {
      if (!patches.length && !opts.file.length) throw new UsageError('give patch files or -f PATH');
      const { db, errors, tree } = await load(opts);
      const { formatGetMaintainer, formatTable, matchFiles, filesFromPatch, toJson, normalizeFileArg } = await import('../maintainers/index.js');
      for (const e of errors.slice(0, 5)) warn(`lorescope: MAINTAINERS:${e.line}: ${e.message}`);
      const texts = patches.map((p) => {
        try {
          return readFileSync(p === '-' ? 0 : p, 'utf8');
        } catch {
          throw new UsageError(`${p}: cannot read patch file`);
        }
      });
      const files = [
        ...opts.file.map((f: string) => normalizeFileArg(f, { isDirectory: tree ? (p) => tree.isDirectory(p) : undefined })),
        ...texts.flatMap((t) => filesFromPatch(t)),
      ];
      const result = matchFiles(db, files, {
        keywords: opts.keywords,
        patchText: texts,
        patternDepth: opts.patternDepth,
        ...(tree ? { readFile: (p: string) => tree.readFile(p) } : {}),
      });
      const format = opts.json ? 'json' : opts.format;
      if (format === 'get_maintainer') writeOut(formatGetMaintainer(result));
      else if (format === 'json') writeOut(JSON.stringify(toJson(db, result), null, 2) + '\n');
      else writeOut(formatTable(result));
    });
}

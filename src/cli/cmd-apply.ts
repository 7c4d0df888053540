// `lorescope apply SOURCE [MSGID] --tree DIR`: the series on a new branch of a kernel tree, through
// git am of exactly what `lorescope am` writes (same options), with hooks and drivers disarmed.
import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { gitConfig } from './config.js';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';
import { addAmWriterOptions, runAmWriter } from './am-options.js';

export function registerApply(program: Command): Command {
  const cmd = program
    .command('apply')
    .description('apply the newest (or given) series to a kernel tree on a new branch, as git am of what `lorescope am` writes')
    .argument('[source]', 'mbox/maildir/directory/-, or a Message-ID / lore URL (default: the bundled demo)')
    .argument('[msgid]', 'a message of the series to apply (default: the newest series)')
    .option('--branch <name>', 'name of the new branch (default: lorescope/<title>-v<N>)')
    .option('--base <rev>', 'apply on top of REV instead of the series\' base-commit')
    .option('-3, --3way', 'three-way am: fall back to a merge when a patch does not apply')
    .option('--run-hooks', 'let the repository\'s git hooks run (off by default: the series is untrusted)')
    .option('--json', 'the result as JSON on stdout');
  addAmWriterOptions(cmd, 'the kernel tree to apply to (default: git config lorescope.tree); also its MAINTAINERS for --scoped-trailers');
  return addSourceOptions(addGithubPrOptions(cmd))
    .action(async (source: string | undefined, msgid: string | undefined, opts) => {
      const tree: string | null = opts.tree ?? gitConfig('lorescope.tree');
      if (!tree) throw new UsageError('apply needs --tree DIR (or git config lorescope.tree): the kernel tree to apply the series to');
      const { res } = await runAmWriter(source, msgid, { ...opts, tree });
      const [{ applySeries, ApplyRefused }, { formatApply }, { warn }, { sanitizeLine }] = await Promise.all([
        import('../git/apply.js'), import('../git/apply-text.js'), import('./output.js'), import('../util/sanitize.js'),
      ]);
      const s = res.series;
      let result;
      try {
        result = await applySeries({
          tree, mbox: res.mbox, series: { id: s.id, title: s.title, version: s.version, baseCommit: s.baseCommit },
          branch: opts.branch, base: opts.base, threeWay: !!opts['3way'], runHooks: !!opts.runHooks,
        });
      } catch (e) {
        if (e instanceof ApplyRefused) throw new UsageError(`apply: ${e.message}`);
        throw e;
      }
      for (const w of result.warnings) warn(`lorescope: ${w}`);
      const title = `"${sanitizeLine(s.title)}" v${s.version}`;
      if (opts.json) process.stdout.write(JSON.stringify({ lorescope: 1, series: { id: s.id, title: s.title, version: s.version }, ...result }, null, 2) + '\n');
      else process.stdout.write(formatApply(result, title));
      if (result.failed) process.exitCode = 1;
    });
}

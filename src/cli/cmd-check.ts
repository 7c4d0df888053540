// `lorescope check SOURCE`: pre-submit findings with an exit code, as text, JSON, SARIF or GitHub annotations.
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from './errors.js';
import type { ReviewFlags } from './review.js';
import type { FailOn } from '../views/check/select.js';
import type { CheckReport } from '../views/check/report.js';
import { addSourceOptions } from './source-options.js';
import { addGithubOptions } from './github-options.js';
import { addRuleOptions } from './rule-options.js';

export function registerCheck(program: Command): Command {
  return addSourceOptions(addGithubOptions(addRuleOptions(program
    .command('check')
    .description('pre-submit checks: kernel-internals rules, sign-offs, Cc coverage (exit 1 when a finding reaches --fail-on)')
    .argument('[source...]', 'mbox/maildir/patch files (default: the bundled demo)')
    .option('--git <repo>', 'check commits of a repository (with --range)')
    .option('--range <range>', 'revision range for --git, e.g. origin/main..HEAD')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--json', 'same as --format json')
    .option('--all', 'text: one entry per matched line (default: one per patch and rule, with count and locations)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(['high', 'warn', 'info', 'none']).default('high')))
    .option('--maintainers <file>', 'MAINTAINERS file for Cc checks')
    .option('--tree <dir>', 'kernel tree whose MAINTAINERS to use')
    .option('--mboxrd', 'force mboxrd unescaping')
    .option('--color', 'force colour').option('--no-color', 'no colour')
    .option('-o, --output <file>', 'write the report to FILE')))
    .action(async (sources: string[], opts) => {
      const format: string = opts.json ? 'json' : opts.format;
      if (opts.git && !opts.range) throw new UsageError('--git needs --range (e.g. --range origin/main..HEAD)');
      const [{ buildReview }, { loadFromArgs, indexedSources }, { analysersFor }, { formatErrors }, { failsAt }, { reportOf }, { openSink, warn }] = await Promise.all([
        import('../review/build.js'), import('./load.js'), import('./review.js'), import('../views/series-text.js'),
        import('../views/check/select.js'), import('../views/check/report.js'), import('./output.js'),
      ]);
      const flags: ReviewFlags = { ...opts };
      // Publishing to GitHub needs the whole review and the mails; --git and --github-pr read no index.
      const idx = opts.github || opts.git || opts.githubPr ? null : await indexedSources(sources, flags);
      let report: CheckReport;
      let publish: (() => Promise<void>) | null = null;
      const failOn = opts.failOn as FailOn;
      if (idx) {
        const { streamCheck } = await import('./check-stream.js');
        const run = await streamCheck(idx.db, idx.sources, await analysersFor(flags), !!opts.sloppyTrailers);
        if (run.totals.messages === 0) throw new UsageError('no messages in input');
        report = run.report;
      } else {
        const loaded = opts.githubPr ? await (await import('./load-github.js')).loadFromGithubPr(opts.githubPr, flags)
          : opts.git ? await (await import('./load-git.js')).loadFromGit(opts.git, opts.range, flags) : await loadFromArgs(sources, flags);
        if (loaded.model.messages === 0) throw new UsageError('no messages in input');
        const review = buildReview(loaded, await analysersFor(flags));
        report = reportOf(review);
        if (opts.github) publish = async () => (await import('./github.js')).runGithubPublish(review, opts, failOn, loaded.mails);
      }
      const errs = formatErrors({ errors: report.errors.filter((e) => e.severity === 'error') });
      if (errs) warn(errs);
      let chunks: Iterable<string | Buffer>;
      if (format === 'json') chunks = (await import('../views/check/json.js')).checkJsonChunks(report, failOn);
      else if (format === 'sarif') chunks = (await import('../views/check/sarif.js')).sarifChunks(report, { toolVersion: program.version() ?? '0' });
      else if (format === 'github') chunks = (await import('../views/check/github.js')).githubChunks(report);
      else {
        const [{ checkTextChunks }, { paletteFor }] = await Promise.all([import('../views/check/text.js'), import('../views/color.js')]);
        chunks = checkTextChunks(report, paletteFor(process.stdout, opts.output ? false : opts.color), { all: opts.all === true });
      }
      const sink = openSink(opts.output);
      try {
        for (const c of chunks) await sink.write(c);
      } finally {
        sink.close();
      }
      if (publish) await publish();
      process.exitCode = failsAt(report.counts, failOn) ? 1 : 0;
    });
}

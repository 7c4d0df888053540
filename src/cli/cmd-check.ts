// `lorescope check SOURCE`: pre-submit findings with an exit code, as text, JSON, SARIF or GitHub annotations.
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from './errors.js';
import type { ReviewFlags } from './review.js';
import type { FailOn } from '../views/check/select.js';
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
      const [{ buildReview }, { loadFromArgs }, { analysersFor }, { formatErrors }, { allFindings, fails }, { writeOut, warn }] = await Promise.all([
        import('../review/build.js'), import('./load.js'), import('./review.js'), import('../views/series-text.js'),
        import('../views/check/select.js'), import('./output.js'),
      ]);
      const flags: ReviewFlags = { ...opts };
      const loaded = opts.githubPr ? await (await import('./load-github.js')).loadFromGithubPr(opts.githubPr, flags)
        : opts.git ? await (await import('./load-git.js')).loadFromGit(opts.git, opts.range, flags) : await loadFromArgs(sources, flags);
      if (loaded.model.messages === 0) throw new UsageError('no messages in input');
      const review = buildReview(loaded, await analysersFor(flags));
      const errs = formatErrors({ ...loaded.model, errors: loaded.model.errors.filter((e) => e.severity === 'error') });
      if (errs) warn(errs);
      const failOn = opts.failOn as FailOn;
      let text: string;
      if (format === 'json') text = (await import('../views/check/json.js')).formatCheckJson(review, failOn);
      else if (format === 'sarif') text = (await import('../views/check/sarif.js')).formatSarif(review, { toolVersion: program.version() ?? '0' });
      else if (format === 'github') text = (await import('../views/check/github.js')).formatGithub(review);
      else {
        const [{ formatCheckText }, { paletteFor }] = await Promise.all([import('../views/check/text.js'), import('../views/color.js')]);
        text = formatCheckText(review, paletteFor(process.stdout, opts.output ? false : opts.color), { all: opts.all === true });
      }
      writeOut(text, opts.output);
      if (opts.github) await (await import('./github.js')).runGithubPublish(review, opts, failOn, loaded.mails);
      process.exitCode = fails(allFindings(review), failOn) ? 1 : 0;
    });
}

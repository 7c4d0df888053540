// `lorescope series SOURCE...`: what is in the mail, as a table or JSON.
// (Like every cmd-*.ts, only the command's definition loads at start; the action imports the rest.)
import type { Command } from 'commander';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';

/** JSON over indexed sources is written unit by unit as it goes (src/cli/series-stream.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function streamed(sources: string[], opts: any): Promise<boolean> {
  const idx = await (await import('./load.js')).indexedSources(sources, opts);
  if (!idx) return false;
  const [{ streamSeriesJson }, { analysersFor }, { writeStdout }] = await Promise.all([import('./series-stream.js'), import('./review.js'), import('./output.js')]);
  const an = await analysersFor({ ...opts, noRules: true });
  await streamSeriesJson(idx.db, idx.sources, an, !!opts.sloppyTrailers, writeStdout);
  await writeStdout('\n');
  return true;
}

export function registerSeries(program: Command): void {
  const cmd = program
    .command('series')
    .description('list the series, patches, replies and trailers found in SOURCE (default: the bundled demo)')
    .argument('[source...]', 'mbox/mboxrd file (.gz too), maildir, directory of mbox files, - for stdin, or a Message-ID / lore URL')
    .option('--json', 'machine-readable output (see README: JSON output)')
    .option('--mboxrd', 'force mboxrd unescaping (detected from lore\'s `From mboxrd@z` by default)')
    .option('--sloppy-trailers', 'apply trailers whose address differs from the sender\'s')
    .option('--maintainers <file>', 'MAINTAINERS file: adds sections, subsystem tags and missing Cc per patch')
    .option('--tree <dir>', 'kernel tree whose MAINTAINERS to use (or git config lorescope.tree)')
    .option('--no-pager', 'never page the output');
  addSourceOptions(addGithubPrOptions(cmd))
    .action(async (sources: string[], opts) => {
      if (opts.json && !opts.githubPr && await streamed(sources, opts)) return;
      const [{ loadReview }, { formatErrors, formatSeriesTable }, { seriesJson }, { pageOut, warn }] = await Promise.all([
        import('./review.js'), import('../views/series-text.js'), import('../views/json.js'), import('./output.js'),
      ]);
      const { loaded, review } = await loadReview(sources, { ...opts, noRules: true });
      if (opts.json) {
        process.stdout.write(seriesJson(review) + '\n');
        return;
      }
      const errs = formatErrors({ ...loaded.model, errors: loaded.model.errors.filter((e) => e.severity === 'error') });
      if (errs) warn(errs);
      pageOut(formatSeriesTable(review), opts.pager !== false);
    });
}

// `lorescope series SOURCE...`: what is in the mail, as a table or JSON.
import type { Command } from 'commander';
import { loadFromArgs } from './load.js';
import { formatErrors, formatSeriesTable } from '../views/series-text.js';
import { toJson } from '../views/json.js';
import { pageOut, warn } from './output.js';

export function registerSeries(program: Command): void {
  program
    .command('series')
    .description('list the series, patches, replies and trailers found in SOURCE (default: the bundled demo)')
    .argument('[source...]', 'mbox/mboxrd file (.gz too), maildir, directory of mbox files, or - for stdin')
    .option('--json', 'machine-readable output (see README: JSON output)')
    .option('--mboxrd', 'force mboxrd unescaping (detected from lore\'s `From mboxrd@z` by default)')
    .option('--sloppy-trailers', 'apply trailers whose address differs from the sender\'s')
    .option('--no-pager', 'never page the output')
    .action(async (sources: string[], opts) => {
      const loaded = await loadFromArgs(sources, opts);
      if (opts.json) {
        process.stdout.write(toJson(loaded.model) + '\n');
        return;
      }
      const errs = formatErrors({ ...loaded.model, errors: loaded.model.errors.filter((e) => e.severity === 'error') });
      if (errs) warn(errs);
      pageOut(formatSeriesTable(loaded.model), opts.pager !== false);
    });
}

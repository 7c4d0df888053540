// `lorescope am SOURCE [MSGID] -o FILE`: an am-ready mbox with collected trailers, as `b4 am` writes it.
import type { Command } from 'commander';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';
import { addAmWriterOptions, runAmWriter } from './am-options.js';

export function registerAm(program: Command): Command {
  const cmd = program
    .command('am')
    .description('write an am-ready mbox of the newest (or given) series with collected trailers')
    .argument('[source]', 'mbox/maildir/directory/-, or a Message-ID / lore URL (default: the bundled demo)')
    .argument('[msgid]', 'a message of the thread: its newest revision is written (default: the newest series)')
    .option('-o, --output <file>', 'output file, - for stdout', '-');
  return addSourceOptions(addGithubPrOptions(addAmWriterOptions(cmd)))
    .action(async (source: string | undefined, msgid: string | undefined, opts) => {
      const { writeOut, warn } = await import('./output.js');
      const { res } = await runAmWriter(source, msgid, opts);
      writeOut(res.mbox, opts.output);
      if (opts.output !== '-') warn(`wrote ${res.series.patches.length} patch(es) of "${res.series.title}" v${res.series.version} to ${opts.output}`);
    });
}

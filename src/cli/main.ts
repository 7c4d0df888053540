// lorescope command line: thin wiring from arguments to the pipeline and the views.
import { Command, CommanderError } from 'commander';
import { registerSeries } from './cmd-series.js';
import { registerCheck } from './cmd-check.js';
import { registerAm } from './cmd-am.js';
import { registerDigest } from './cmd-digest.js';
import { registerMaintainers } from './cmd-maintainers.js';
import { registerTui } from './cmd-tui.js';
import { UsageError } from './load.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('lorescope')
    .description('Review assistant for Linux kernel patch series that travel by mail')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerSeries(program);
  registerTui(program);
  registerCheck(program);
  registerAm(program);
  registerDigest(program);
  registerMaintainers(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // `lorescope [SOURCE]` with no command: the review UI on a terminal, the series table otherwise.
  const known = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
  const bare = argv.length === 0 || (!known.has(argv[0]) && !argv[0].startsWith('-') && argv[0] !== 'help');
  const args = bare ? [process.stdout.isTTY && process.stdin.isTTY ? 'tui' : 'series', ...argv] : argv;
  try {
    await program.parseAsync(args, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      process.stderr.write(`lorescope: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

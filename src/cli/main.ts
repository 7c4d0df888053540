// lorescope command line: thin wiring from arguments to the pipeline and the views.
import { Command, CommanderError } from 'commander';
import { UsageError } from './errors.js';

type Register = (program: Command) => unknown;

/**
 * The commands in the order --help lists them, each with where its definition is. A run of one
 * command loads only that definition (each cmd-*.ts loads its heavy modules in its action); help,
 * --version and mistakes get them all.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['series', async () => (await import('./cmd-series.js')).registerSeries],
  ['tui', async () => (await import('./cmd-tui.js')).registerTui],
  ['check', async () => (await import('./cmd-check.js')).registerCheck],
  ['am', async () => (await import('./cmd-am.js')).registerAm],
  ['apply', async () => (await import('./cmd-apply.js')).registerApply],
  ['track', async () => (await import('./cmd-track.js')).registerTrack],
  ['digest', async () => (await import('./cmd-digest.js')).registerDigest],
  ['maintainers', async () => (await import('./cmd-maintainers.js')).registerMaintainers],
];

/** The program with every command, or with only `command` when it names one. */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command();
  program
    .name('lorescope')
    .description('Review assistant for Linux kernel patch series that travel by mail')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const wanted = COMMANDS.filter(([name]) => name === command);
  const registers = await Promise.all((wanted.length ? wanted : COMMANDS).map(([, load]) => load()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `lorescope [SOURCE]` with no command: the review UI on a terminal, the series table otherwise.
  const known = new Set(COMMANDS.map(([name]) => name));
  const bare = argv.length === 0 || (!known.has(argv[0]) && !argv[0].startsWith('-') && argv[0] !== 'help');
  const args = bare ? [process.stdout.isTTY && process.stdin.isTTY ? 'tui' : 'series', ...argv] : argv;
  const program = await buildProgram(args[0]);
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

// Starting the terminal UI without waiting for ink: set up the terminal and state, draw the first
// frame as text (preframe.ts), start the background analysis, then load ink and hand over
// (mount.tsx, bundled with ink into dist/tui-bundle.js by the build). Keys typed meanwhile wait in
// the terminal's buffer, raw mode already on, and are read once ink listens.
import { openSync, statSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import type { ReviewModel } from '../../model/review.js';
import type { MessageText } from '../../review/messages.js';
import { buildData, type AnalysedData } from './data.js';
import { mark } from './bench-mark.js';
import { nodeEffects, type Effects } from './effects.js';
import { initState, type State } from './state.js';
import { themeFor, type Theme } from './theme.js';
import { overviewFrame } from './preframe.js';
import type { WindowSource } from './window-effects.js';

/** Work the UI starts after its first frame and merges in when done (src/cli/tui-analysis.ts). */
export interface BackgroundAnalysis {
  /** The same series with sections and findings; message texts stay those given in `messages`. */
  result: Promise<{ review: ReviewModel; warnings: string[] }>;
  cancel(): void;
}

export interface TuiOptions {
  messages?: Record<string, MessageText>;
  /** The series to show first (by id), instead of the newest version of the first one. */
  open?: string;
  /** A paged archive: `review` is its first window; the others come from `windows` (src/cli/tui-pager.ts). */
  page?: { count: number; total: number; windows: WindowSource };
  /** Findings, sections and message texts still to come: started once the first frame is drawn. */
  background?: () => BackgroundAnalysis;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  effects?: Effects;
}

/** Everything ink needs to take over the prepared terminal. */
export interface Session {
  initial: State;
  /** The background analysis, ready to merge into the UI's data. */
  pending?: Promise<AnalysedData>;
  effects: Effects;
  theme: Theme;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** LORESCOPE_TUI_FIRST_FRAME=1: report timings on stderr, exit once the analysis is drawn. */
  firstFrameOnly: boolean;
  /** Timings on stderr (first frame, ink up, analysis drawn, first key answered): LORESCOPE_TUI_MARKS=1 too. */
  marks: boolean;
  /** Called by ink's side to get a full redraw after the editor had the terminal. */
  onRedraw(fn: () => void): void;
  /** Leaves the alternate screen and closes what was opened; safe to call twice. */
  restore(): void;
}

const ALT_ON = '\x1b[?1049h\x1b[H\x1b[2J';
const ALT_OFF = '\x1b[?1049l';
const CURSOR_HIDE = '\x1b[?25l';
const CURSOR_SHOW = '\x1b[?25h';

/** Keys come from the terminal even when the mail came through stdin (`lorescope tui - < x.mbox`). */
function terminalInput(stdin: NodeJS.ReadStream): NodeJS.ReadStream | null {
  if (stdin.isTTY) return stdin;
  try {
    return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
  } catch {
    return null;
  }
}

export { mark };

/** ink's side: the bundle the build made, unless it is older than the compiled modules it holds. */
async function loadMount(): Promise<typeof import('./mount.js')> {
  try {
    const bundle = new URL('../../tui-bundle.js', import.meta.url);
    if (statSync(bundle).mtimeMs >= statSync(new URL('./mount.js', import.meta.url)).mtimeMs) return (await import(bundle.href)) as typeof import('./mount.js');
  } catch {
    // No bundle (a bare `tsc` build, or the sources under test): the modules themselves.
  }
  return import('./mount.js');
}

/** Run the UI until the user quits; returns the exit code. */
export async function launchTui(review: ReviewModel, opts: TuiOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const stdout = opts.stdout ?? process.stdout;
  const firstFrameOnly = env.LORESCOPE_TUI_FIRST_FRAME === '1';
  const marks = firstFrameOnly || env.LORESCOPE_TUI_MARKS === '1';
  if (!stdout.isTTY && !firstFrameOnly) {
    process.stderr.write('lorescope: the terminal UI needs a terminal; use `lorescope series` or `lorescope check` for text output\n');
    return 2;
  }
  const stdin = firstFrameOnly ? (opts.stdin ?? process.stdin) : terminalInput(opts.stdin ?? process.stdin);
  if (!stdin) {
    process.stderr.write('lorescope: no terminal to read keys from\n');
    return 2;
  }
  const width = stdout.columns || Number(env.COLUMNS) || 120;
  const height = stdout.rows || Number(env.LINES) || 40;

  let redraw = () => {};
  const effects = opts.effects ?? nodeEffects({
    env,
    windows: opts.page?.windows,
    suspend: () => {
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      stdout.write(ALT_OFF + CURSOR_SHOW);
    },
    resume: () => {
      stdout.write(ALT_ON);
      stdin.resume();
      if (stdin.isTTY) stdin.setRawMode(true);
      redraw();
    },
  });
  const { reviewed, warnings } = effects.loadReviewed(review.series.map((s) => s.id));
  const opened = opts.open === undefined ? -1 : review.series.findIndex((x) => x.id === opts.open);
  const initial = initState(buildData(review, opts.messages ?? {}), { width, height, reviewed, warnings, analysing: opts.background !== undefined, series: opened >= 0 ? opened : undefined,
    page: opts.page ? { count: opts.page.count, total: opts.page.total } : undefined });
  const theme = themeFor(env);

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    if (stdout.isTTY && stdout.writable) stdout.write(ALT_OFF + CURSOR_SHOW);
    if (stdin !== process.stdin && stdin !== opts.stdin) stdin.destroy();
  };
  if (stdout.isTTY) {
    stdout.write(ALT_ON + CURSOR_HIDE);
    process.once('exit', restore);
    stdin.setRawMode?.(true);
    // The terminal went away (window closed, ssh dropped): nothing can be drawn or asked any more,
    // and Node 20 would abort on exit trying to reset the vanished terminal's mode.
    stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EIO' || e.code === 'EPIPE') process.kill(process.pid, 'SIGKILL');
    });
  }
  const colour = !env.NO_COLOR && (stdout.hasColors?.() ?? true);
  stdout.write(overviewFrame(initial, theme, colour).join('\n') + (stdout.isTTY ? '\x1b[H' : '\n'));
  if (marks) mark('first-frame');

  // ink reads CI/CONTINUOUS_INTEGRATION once, at import, and then only prints a final frame. A person
  // at a terminal (a CI debug shell, tmux in a CI job) still gets the interactive UI.
  if (stdout.isTTY) for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[k];
  // Started only now: until the first frame is out, the analysis would take the CPU it needs.
  const job = opts.background?.();
  const pending = job?.result.then((u): AnalysedData => ({ data: buildData(u.review, opts.messages ?? {}), warnings: u.warnings }));
  pending?.catch(() => {}); // the app reports a failure; nothing is left unhandled if it never mounts
  try {
    const { mountTui } = await loadMount();
    return await mountTui({ initial, pending, effects, theme, stdin, stdout, firstFrameOnly, marks, onRedraw: (fn) => (redraw = fn), restore });
  } finally {
    job?.cancel();
    restore();
  }
}

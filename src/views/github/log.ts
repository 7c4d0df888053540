// octokit's logger, routed away from the terminal: by default octokit prints request errors with
// console.error, which would land in the middle of a report (or over the TUI).
import { scrub } from './token.js';

export interface OctokitLog {
  debug: (message: string, ...rest: unknown[]) => void;
  info: (message: string, ...rest: unknown[]) => void;
  warn: (message: string, ...rest: unknown[]) => void;
  error: (message: string, ...rest: unknown[]) => void;
}

export type LogSink = (level: keyof OctokitLog, line: string) => void;

function text(message: unknown, rest: unknown[]): string {
  const parts = [message, ...rest].map((x) => (x instanceof Error ? x.message : typeof x === 'string' ? x : JSON.stringify(x) ?? String(x)));
  const line = parts.join(' ').replace(/\s+/g, ' ').trim();
  // octokit's debug lines carry whole request bodies (every annotation): a line is enough to follow along.
  return line.length > 400 ? `${line.slice(0, 399)}…` : line;
}

/** A logger that hands every line, token scrubbed, to `sink` (or drops it when there is none). */
export function octokitLog(token: string | null, sink?: LogSink): OctokitLog {
  const at = (level: keyof OctokitLog) => (message: unknown, ...rest: unknown[]) => {
    if (sink) sink(level, scrub(text(message, rest), token));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** `LORESCOPE_DEBUG=1`: request lines to stderr, prefixed; otherwise nothing. */
export function debugSink(env: NodeJS.ProcessEnv = process.env): LogSink | undefined {
  if (!env.LORESCOPE_DEBUG) return undefined;
  return (level, line) => process.stderr.write(`lorescope: github ${level}: ${line}\n`);
}

import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
export const corpus = (...p: string[]) => resolve(CORPUS, ...p);
export const BIN = resolve(ROOT, 'bin', 'lorescope.js');

export interface CliResult { code: number; stdout: string; stderr: string }

/** Run the built CLI as a user would; `wrap` runs it under another command (e.g. /usr/bin/time). */
export function cli(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; wrap?: string[] } = {}): CliResult {
  const argv = [...(opts.wrap ?? []), process.execPath, BIN, ...args];
  const r = spawnSync(argv[0], argv.slice(1), {
    input: opts.input, encoding: 'utf8', cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...opts.env }, maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Run the built CLI without blocking the test process, so a fake server in this process can answer it.
import { spawn } from 'node:child_process';
import { BIN, ROOT, type CliResult } from './corpus.js';

/** Environment for a child CLI: the caller's, minus anything GitHub-ish that would change behaviour. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (/^(GITHUB_|GH_|LORESCOPE_)/.test(k)) delete env[k];
  return { ...env, ...extra };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult & { ms: number }> {
  const t0 = Date.now();
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', fail);
    child.on('close', (code) => ok({ code: code ?? -1, stdout, stderr, ms: Date.now() - t0 }));
  });
}

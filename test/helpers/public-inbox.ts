// Real public-inbox inboxes and a real public-inbox-httpd for tests (Debian's `public-inbox` package).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { get } from 'node:http';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { hasCommand } from './corpus.js';

export const havePublicInbox = ['public-inbox-init', 'public-inbox-mda', 'public-inbox-httpd', 'public-inbox-learn'].every(hasCommand);

export interface TestInbox {
  name: string;
  dir: string;
  root: string;
  config: string;
  address: string;
}

export function piEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, PI_CONFIG: join(root, 'pi-config'), PI_DIR: join(root, 'pi-dir'), PI_EMERGENCY: join(root, 'emergency'), HOME: root };
}

/** `public-inbox-init` a fresh inbox (v1 or v2) with spam checking off, under its own PI_CONFIG. */
export function initInbox(name: string, version: 1 | 2, root = mkdtempSync(join(tmpdir(), 'ls-pi-'))): TestInbox {
  const dir = join(root, name);
  const address = `${name}@example.com`;
  const env = piEnv(root);
  execFileSync('public-inbox-init', [`-V${version}`, name, dir, `http://127.0.0.1/${name}`, address], { env, stdio: 'pipe' });
  execFileSync('git', ['config', '-f', env.PI_CONFIG!, 'publicinboxmda.spamcheck', 'none'], { env });
  return { name, dir, root, config: env.PI_CONFIG!, address };
}

/** Split mbox files into single messages (git mailsplit), in file order. */
export function splitMessages(files: string[]): Buffer[] {
  const out: Buffer[] = [];
  for (const file of files) {
    const tmp = mkdtempSync(join(tmpdir(), 'ls-split-'));
    execFileSync('git', ['mailsplit', '-o' + tmp, file], { stdio: 'pipe' });
    for (const n of readdirSync(tmp).sort()) out.push(readFileSync(join(tmp, n)));
  }
  return out;
}

/** Deliver each message as a mail server would: one `public-inbox-mda` run per message. */
export function deliver(inbox: TestInbox, messages: Buffer[]): void {
  const env = { ...piEnv(inbox.root), ORIGINAL_RECIPIENT: inbox.address };
  for (const m of messages) execFileSync('public-inbox-mda', ['--no-precheck'], { env, input: m, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Remove a message the way an admin does (`public-inbox-learn rm`): v2 records a `d` blob. */
export function removeMessage(inbox: TestInbox, message: Buffer): void {
  execFileSync('public-inbox-learn', ['rm', '--all'], { env: piEnv(inbox.root), input: message, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
  });
}

export interface Httpd {
  port: number;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** public-inbox-httpd on 127.0.0.1 (one process, no workers), ready when the inbox answers. */
export async function startHttpd(inbox: TestInbox): Promise<Httpd> {
  const port = await freePort();
  mkdirSync(join(inbox.root, 'log'), { recursive: true });
  const child: ChildProcess = spawn('public-inbox-httpd', ['-W0', '-l', `http://127.0.0.1:${port}`], {
    env: piEnv(inbox.root), stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/${inbox.name}/`;
  const deadline = Date.now() + 30_000;
  while ((await status(url)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`public-inbox-httpd did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    port, pid, url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type EpochOp = { add: Buffer } | { del: Buffer };

/**
 * Write a v2 epoch the way public-inbox does, with `git fast-import`: one commit per operation whose
 * tree holds only `m` (a message added) or `d` (a message deleted).
 */
export function fastImportEpoch(gitDir: string, ops: EpochOp[], start = 1_700_000_000): void {
  execFileSync('git', ['init', '-q', '--bare', gitDir]);
  const parts: Buffer[] = [];
  ops.forEach((op, i) => {
    const [path, blob] = 'add' in op ? ['m', op.add] : ['d', op.del];
    parts.push(Buffer.from(`commit refs/heads/master\ncommitter T <t@example.org> ${start + i} +0000\ndata 0\ndeleteall\nM 100644 inline ${path}\ndata ${blob.length}\n`), blob, Buffer.from('\n'));
  });
  execFileSync('git', ['--git-dir', gitDir, 'fast-import', '--quiet'], { input: Buffer.concat(parts), env: piEnv(tmpdir()) });
}

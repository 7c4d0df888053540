// Driving the built CLI in a real terminal: tmux on a private socket, a fixed size, keys in and the
// screen out.
import { execFileSync, spawnSync } from 'node:child_process';

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Tmux {
  /** A socket of our own: never touches the user's (or another test's) tmux server. */
  readonly socket = `lorescope-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private started = false;

  private run(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Start `command` (a shell command line) in a detached session of the given size. */
  start(command: string, opts: { cwd: string; width?: number; height?: number; env?: Record<string, string> }): void {
    const envArgs = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const size = ['-x', String(opts.width ?? 120), '-y', String(opts.height ?? 40)];
    // The pane stays after the program ends, with its exit status printed for `exited()`.
    const wrapped = `${command}; echo "[exit $?]"; sleep 600`;
    this.run(['-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-c', opts.cwd, ...size, ...envArgs, wrapped]);
    this.started = true;
  }

  screen(): string {
    return this.run(['capture-pane', '-p', '-t', 'main']);
  }

  /** Send keys one by one (tmux key names: Enter, Escape, Up, Space, or literal characters). */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) {
      // A lone `;` would end the tmux command: it must be escaped.
      this.run(['send-keys', '-t', 'main', ...(k === ';' ? ['\\;'] : k.length === 1 ? ['-l', k] : [k])]);
      await sleep(60);
    }
  }

  resize(width: number, height: number): void {
    this.run(['resize-window', '-t', 'main', '-x', String(width), '-y', String(height)]);
  }

  /** Wait until the screen passes `test`; returns it, or throws with the last screen. */
  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 10000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let s = '';
    while (Date.now() < end) {
      s = this.screen();
      if (test(s)) return s;
      await sleep(30);
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${s}`);
  }

  /** Wait for the program to end; returns its exit status. */
  async exited(timeoutMs = 10000): Promise<number> {
    const s = await this.waitFor((x) => /\[exit \d+\]/.test(x), 'the program to exit', timeoutMs);
    return Number(/\[exit (\d+)\]/.exec(s)![1]);
  }

  kill(): void {
    if (!this.started) return;
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    this.started = false;
  }
}

// git for `lorescope apply`, through simple-git, with nothing from the series trusted. Mail is
// untrusted, and so is everything a patch adds to the work tree. What is neutralised, and why:
//  - hooks: `core.hooksPath=/dev/null` unless --run-hooks; the repository's hooks would run on the
//    series' contents, and a hooks directory inside the work tree would run hooks the series wrote;
//  - filter and merge drivers: a patch can add a `.gitattributes` that selects any driver the user
//    configured (git-lfs, a textconv-like clean/smudge, a merge driver under -3); each configured
//    driver is overridden to do nothing (filters) or to refuse (merge drivers: a conflict, never a
//    silent "merge" by a command chosen by the mail);
//  - submodules and transports: `submodule.recurse=false` and `protocol.allow=never`, so a patched
//    `.gitmodules` can make no git command here fetch anything.
// The user's identity and config file choice (GIT_AUTHOR_*, GIT_COMMITTER_*, GIT_CONFIG_*) pass
// through; simple-git drops every other ambient GIT_* variable (GIT_DIR, GIT_WORK_TREE, …).
import { simpleGit, type SimpleGit } from 'simple-git';

export interface GitResult {
  ok: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const PASS_ENV = [
  'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE',
  'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM',
];

export const NO_HOOKS = 'core.hooksPath=/dev/null';

/** A git runner for one work tree; `config` becomes `-c` options on every command. */
export class TreeGit {
  constructor(readonly tree: string, private config: string[] = []) {}

  /** Add `-c` settings (the neutralised drivers, once they are known). */
  withConfig(more: string[]): TreeGit {
    return new TreeGit(this.tree, [...this.config, ...more]);
  }

  get settings(): readonly string[] {
    return this.config;
  }

  private instance(onExit: (code: number) => void, out: Buffer[], err: Buffer[]): SimpleGit {
    return simpleGit({
      baseDir: this.tree,
      config: this.config,
      allowEnvironment: PASS_ENV,
      trimmed: false,
      unsafe: {
        allowUnsafeHooksPath: true,
        allowUnsafeFilter: true,
        allowUnsafeMergeDriver: true,
        allowUnsafeProtocolOverride: true,
        allowUnsafeConfigPaths: true,
      },
      // Every exit code is reported to the caller, never turned into an exception.
      errors: (error, result) => {
        onExit(result.exitCode);
        return result.exitCode >= 0 ? undefined : error;
      },
    }).outputHandler((_cmd, stdout, stderr) => {
      stdout.on('data', (b: Buffer) => out.push(b));
      stderr.on('data', (b: Buffer) => err.push(b));
    });
  }

  async run(args: string[]): Promise<GitResult> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let exitCode = 0;
    try {
      await this.instance((c) => (exitCode = c), out, err).raw(args);
    } catch (e) {
      // simple-git refusing an argument, or git that cannot be started.
      return { ok: false, exitCode: exitCode || -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() || (e as Error).message };
    }
    return { ok: exitCode === 0, exitCode, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  }

  /** Output of a command that must succeed, trimmed; throws with git's first error line. */
  async must(args: string[]): Promise<string> {
    const r = await this.run(args);
    if (!r.ok) throw new Error(`git ${args[0]} failed: ${firstLine(r.stderr || r.stdout)}`);
    return r.stdout.trim();
  }
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l) ?? '(no output)';
}

/** The base settings for applying: hooks off unless asked for, no submodule recursion, no transport. */
export function baseSettings(runHooks: boolean): string[] {
  return [...(runHooks ? [] : [NO_HOOKS]), 'submodule.recurse=false', 'protocol.allow=never'];
}

/**
 * `-c` settings that disarm every filter and merge driver configured for this repository (from any
 * config file), so attributes written by the series select nothing that runs.
 */
export async function neutraliseDrivers(git: TreeGit): Promise<{ settings: string[]; drivers: string[] }> {
  const r = await git.run(['config', '--name-only', '--get-regexp', '^(filter|merge)\\.']);
  const settings: string[] = [];
  const drivers = new Set<string>();
  for (const key of r.ok ? r.stdout.split('\n') : []) {
    const m = /^(filter|merge)\.(.+)\.([^.]+)$/.exec(key.trim());
    if (!m) continue;
    const [, kind, name] = m;
    const id = `${kind}.${name}`;
    if (drivers.has(id)) continue;
    drivers.add(id);
    if (kind === 'filter') settings.push(`${id}.clean=`, `${id}.smudge=`, `${id}.process=`, `${id}.required=false`);
    else if (name !== '') settings.push(`${id}.driver=false`);
  }
  return { settings, drivers: [...drivers] };
}

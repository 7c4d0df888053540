// Everything the UI does to the world: reviewed marks and review states in the state store (see
// track-services.ts), reply drafts under the XDG state directory, applying a series to a tree, the
// user's identity for drafts, and $EDITOR. Screens and the reducer never touch these directly; tests
// use `memoryEffects()` instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Address } from '../../model/review.js';
import type { ReviewState } from '../../state/types.js';
import { stateDirFor } from '../../state/paths.js';
import { trackSession, type ApplyOutcome, type TrackView } from './track-services.js';
import { loadedWindow, type LoadedWindow, type WindowSource } from './window-effects.js';

export { stateDirFor };

export interface Effects {
  /** Where marks and drafts are kept (shown to the user). */
  stateDir: string;
  /** Reviewed patch Message-IDs stored for these series; unreadable stores are reported, not fatal. */
  loadReviewed(seriesIds: string[]): { reviewed: string[]; warnings: string[] };
  /** Store these as the series' marks (the store records the change, so other sessions' marks stay). */
  saveReviewed(seriesId: string, reviewed: string[]): void | Promise<void>;
  /** Review state shown by the UI, or null when there is no state store. */
  trackView(): TrackView | null;
  setState(seriesId: string, state: ReviewState): Promise<void>;
  setParts(seriesId: string, parts: string[]): Promise<void>;
  /** Apply the series to the tree on a new branch (`lorescope apply`). */
  apply(seriesId: string): Promise<ApplyOutcome>;
  /** Write a draft; returns its path. */
  writeDraft(seriesId: string, name: string, text: string): string;
  /** Run the editor on a file, the terminal handed over for the duration. Returns an error or null. */
  edit(path: string): string | null;
  identity(): Address | null;
  /** Window `index` of a paged archive (window-effects.ts); absent when the whole input is shown. */
  loadWindow?(index: number): Promise<LoadedWindow>;
}

/** A directory name for a series: readable start of its Message-ID plus a hash (ids may hold `/`). */
export function seriesDirName(seriesId: string): string {
  const readable = seriesId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 24);
  const hash = createHash('sha256').update(seriesId).digest('hex').slice(0, 12);
  return `${readable}-${hash}`;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export interface NodeEffectsOptions {
  env?: NodeJS.ProcessEnv;
  /** Where `git config` runs: inside a kernel tree its user.email is the one the user sends from. */
  cwd?: string;
  /** Hands the terminal to a child process and takes it back (raw mode, alternate screen, redraw). */
  suspend?: () => void;
  resume?: () => void;
  /** The windows of a paged archive (src/cli/tui-pager.ts). */
  windows?: WindowSource;
}

export function nodeEffects(opts: NodeEffectsOptions = {}): Effects {
  const env = opts.env ?? process.env;
  const stateDir = stateDirFor(env);
  const seriesDir = (id: string) => join(stateDir, 'series', seriesDirName(id));
  let who: Address | null | undefined;
  const track = trackSession();
  // What the store holds of each series' marks: saving sends the difference, never the whole list.
  const known = new Map<string, string[]>();
  const noStore = async () => { throw new Error('no review state store in this session'); };
  const fx: Effects = {
    stateDir,
    loadReviewed(ids) {
      const reviewed: string[] = [];
      const warnings: string[] = [];
      if (track) {
        for (const id of ids) {
          const marks = track.marks.get(id) ?? [];
          known.set(id, marks);
          reviewed.push(...marks);
        }
        return { reviewed, warnings };
      }
      for (const id of ids) {
        const file = join(seriesDir(id), 'reviewed.json');
        if (!existsSync(file)) continue;
        try {
          const j = JSON.parse(readFileSync(file, 'utf8')) as { reviewed?: unknown };
          if (!Array.isArray(j.reviewed)) throw new Error('no "reviewed" list');
          for (const m of j.reviewed) if (typeof m === 'string') reviewed.push(m);
        } catch (e) {
          warnings.push(`${file}: ${(e as Error).message}`);
        }
      }
      return { reviewed, warnings };
    },
    saveReviewed(id, list) {
      if (track) {
        const before = new Set(known.get(id) ?? []);
        const now = new Set(list);
        known.set(id, [...list]);
        return track.changeMarks(id, list.filter((m) => !before.has(m)), [...before].filter((m) => !now.has(m)));
      }
      const dir = seriesDir(id);
      mkdirSync(dir, { recursive: true });
      writeAtomic(join(dir, 'reviewed.json'), JSON.stringify({ series: id, reviewed: [...list].sort() }, null, 1) + '\n');
    },
    trackView: () => track?.view ?? null,
    setState: (id, state) => (track ? track.setState(id, state) : noStore()),
    setParts: (id, parts) => (track ? track.setParts(id, parts) : noStore()),
    apply: (id) => (track ? track.apply(id) : Promise.resolve({ ok: false, text: 'no tree to apply to: start lorescope with --tree DIR or set git config lorescope.tree' })),
    writeDraft(id, name, text) {
      const dir = join(seriesDir(id), 'drafts');
      mkdirSync(dir, { recursive: true });
      const base = `${stamp(new Date())}-${name}`;
      let path = join(dir, `${base}.eml`);
      for (let n = 2; existsSync(path); n++) path = join(dir, `${base}-${n}.eml`);
      writeFileSync(path, text, { flag: 'wx' });
      return path;
    },
    edit(path) {
      const editor = env.VISUAL || env.EDITOR || 'vi';
      opts.suspend?.();
      try {
        // Through the shell, as git does, so EDITOR="emacs -nw" or "code --wait" work.
        const r = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, editor, path], { stdio: 'inherit', env });
        if (r.error) return `editor could not run: ${r.error.message}`;
        if (r.status !== 0) return `editor exited with status ${r.status ?? r.signal}`;
        return null;
      } finally {
        opts.resume?.();
      }
    },
    identity() {
      if (who !== undefined) return who;
      const get = (key: string) => {
        const r = spawnSync('git', ['config', '--get', key], { encoding: 'utf8', env, cwd: opts.cwd });
        return r.status === 0 ? r.stdout.trim() : '';
      };
      const email = get('user.email');
      who = email ? { name: get('user.name'), email } : null;
      return who;
    },
  };
  const windows = opts.windows;
  if (windows) fx.loadWindow = (index) => loadedWindow(windows, index, fx.loadReviewed);
  return fx;
}

/** In-memory effects for tests: files in a map, the editor recorded, not run, states and applies recorded. */
export interface MemoryEffects extends Effects {
  files: Map<string, string>;
  edited: string[];
  states: Map<string, ReviewState>;
  parts: Map<string, string[]>;
  applied: string[];
}

export interface MemoryInit {
  reviewed?: Record<string, string[]>;
  identity?: Address | null;
  editError?: string;
  track?: TrackView | null;
  applyOutcome?: ApplyOutcome;
  /** The windows of a paged archive. */
  windows?: WindowSource;
}

export function memoryEffects(init: MemoryInit = {}): MemoryEffects {
  const files = new Map<string, string>();
  const edited: string[] = [];
  const stateDir = '/state/lorescope';
  for (const [id, list] of Object.entries(init.reviewed ?? {})) files.set(`${stateDir}/series/${seriesDirName(id)}/reviewed.json`, JSON.stringify({ series: id, reviewed: list }));
  let n = 0;
  const states = new Map<string, ReviewState>();
  const parts = new Map<string, string[]>();
  const applied: string[] = [];
  const fx: MemoryEffects = {
    stateDir,
    files,
    edited,
    states,
    parts,
    applied,
    trackView: () => init.track ?? null,
    async setState(id, state) {
      states.set(id, state);
    },
    async setParts(id, list) {
      parts.set(id, list);
    },
    async apply(id) {
      applied.push(id);
      return init.applyOutcome ?? { ok: true, text: `applied ${id}` };
    },
    loadReviewed(ids) {
      const reviewed: string[] = [];
      for (const id of ids) {
        const f = files.get(`${stateDir}/series/${seriesDirName(id)}/reviewed.json`);
        if (f) reviewed.push(...(JSON.parse(f).reviewed as string[]));
      }
      return { reviewed, warnings: [] };
    },
    saveReviewed(id, list) {
      files.set(`${stateDir}/series/${seriesDirName(id)}/reviewed.json`, JSON.stringify({ series: id, reviewed: [...list].sort() }));
    },
    writeDraft(id, name, text) {
      const path = `${stateDir}/series/${seriesDirName(id)}/drafts/${++n}-${name}.eml`;
      files.set(path, text);
      return path;
    },
    edit(path) {
      edited.push(path);
      return init.editError ?? null;
    },
    identity: () => init.identity ?? null,
  };
  const windows = init.windows;
  if (windows) fx.loadWindow = (index) => loadedWindow(windows, index, fx.loadReviewed);
  return fx;
}

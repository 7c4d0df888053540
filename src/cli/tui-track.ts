// The UI's review state and apply action (views/tui/track-services.ts), opened before the UI starts:
// the state store (a team's PostgreSQL database falls back to the local file when it cannot be
// reached), my marks and states for the series shown, marks from the JSON files of earlier versions
// moved into the store, and `a` wired to the same apply as `lorescope apply`.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Loaded } from '../pipeline/load.js';
import type { ReviewModel } from '../model/review.js';
import type { Person, ReviewState, StateStore } from '../state/index.js';
import type { ApplyOutcome, TrackSession, TrackView } from '../views/tui/track-services.js';
import { gitConfig } from './config.js';
import { stateDbSpec, type TrackFlags } from './track-context.js';

async function openWithFallback(flags: TrackFlags, warnings: string[]): Promise<StateStore | null> {
  const { openStateStore } = await import('../state/index.js');
  const spec = stateDbSpec(flags);
  try {
    return await openStateStore(spec);
  } catch (e) {
    const why = (e as Error).message;
    if (!spec || !/^postgres/i.test(spec)) {
      warnings.push(`review state unavailable (${why}); reviewed marks go to the state directory's files`);
      return null;
    }
    try {
      const local = await openStateStore(null);
      warnings.push(`${why}; using the local state file ${local.where} instead`);
      return local;
    } catch (e2) {
      warnings.push(`${why}; and the local state file: ${(e2 as Error).message}`);
      return null;
    }
  }
}

/** Marks kept by lorescope before the store: `<state dir>/series/<series>/reviewed.json`. */
function legacyMarks(stateDir: string, seriesId: string, dirName: (id: string) => string): { file: string; marks: string[] } | null {
  const file = join(stateDir, 'series', dirName(seriesId), 'reviewed.json');
  if (!existsSync(file)) return null;
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { reviewed?: unknown };
    return Array.isArray(j.reviewed) ? { file, marks: j.reviewed.filter((m): m is string => typeof m === 'string') } : null;
  } catch {
    return null;
  }
}

/** The session, and `show` to follow the UI to another window of an archive (tui-pager.ts). */
export interface TuiTrack extends TrackSession {
  /** The series now shown: their marks and my states read from the store, `a` applying from their mail. */
  show(loaded: Loaded, review: ReviewModel): Promise<void>;
}

export async function openTuiTrack(first: Loaded, review: ReviewModel, flags: TrackFlags & { tree?: string }): Promise<TuiTrack | null> {
  let loaded = first;
  const warnings: string[] = [];
  const store = await openWithFallback(flags, warnings);
  if (!store) {
    if (warnings.length) process.stderr.write(`lorescope: ${warnings.join('; ')}\n`);
    return null;
  }
  const [{ seriesInfo }, { seriesDirName }, { stateDirFor }] = await Promise.all([
    import('../state/index.js'), import('../views/tui/effects.js'), import('../state/paths.js'),
  ]);
  const email = gitConfig('user.email');
  const me: Person = email ? { name: gitConfig('user.name') ?? '', email } : { name: userInfo().username, email: `${userInfo().username}@localhost` };
  if (!email && store.kind === 'postgres') warnings.push(`no git config user.email: your review state is recorded as ${me.email}`);
  let byId = new Map(loaded.model.series.map((s) => [s.id, s]));
  const ids = review.series.map((s) => s.id);
  const tracked = new Set<string>();
  const ensure = async (id: string) => {
    if (tracked.has(id)) return;
    const s = byId.get(id);
    if (!s) throw new Error(`series <${id}> is not in the mail`);
    await store.trackSeries(seriesInfo(s));
    tracked.add(id);
  };

  const view: TrackView = { where: store.where, tree: flags.tree ?? gitConfig('lorescope.tree'), mine: {}, parts: {} };
  const marks = new Map<string, string[]>();
  const parts = new Map<string, string[]>();
  /** My states and marks of the series in `byId`, into the view (legacy JSON marks moved into the store). */
  const readState = async (ids: string[]) => {
    for (const row of await store.list({ reviewer: me.email, includeArchived: true })) {
      const mine = row.reviewers.find((r) => r.reviewer.email === me.email.toLowerCase());
      if (!mine || !byId.has(row.series.id)) continue;
      view.mine[row.series.id] = mine.state;
      if (mine.partsDone.length) {
        view.parts[row.series.id] = mine.partsDone;
        parts.set(row.series.id, mine.partsDone);
      }
    }
    // Every series asked for gets its stored list (an empty one too): a window read again must not
    // bring back marks removed since it was last shown.
    const stored = await store.marks(ids, me.email);
    for (const id of ids) marks.set(id, stored.get(id) ?? []);
    const stateDir = stateDirFor(process.env);
    for (const id of ids) {
      if (marks.get(id)?.length) continue;
      const old = legacyMarks(stateDir, id, seriesDirName);
      if (!old?.marks.length) continue;
      await ensure(id);
      await store.changeMarks(id, me, old.marks, []);
      marks.set(id, old.marks);
      renameSync(old.file, `${old.file}.imported`);
    }
  };
  try {
    await readState(ids);
  } catch (e) {
    warnings.push(`review state: ${(e as Error).message}`);
  }
  if (warnings.length) view.warning = warnings.join('; ');

  return {
    view,
    marks,
    async show(next, nextReview) {
      loaded = next;
      byId = new Map(loaded.model.series.map((s) => [s.id, s]));
      delete view.warning;
      try {
        await readState(nextReview.series.map((s) => s.id));
      } catch (e) {
        view.warning = `review state: ${(e as Error).message}`;
      }
    },
    async changeMarks(id, add, remove) {
      await ensure(id);
      await store.changeMarks(id, me, add, remove);
    },
    async setState(id, state: ReviewState) {
      await ensure(id);
      await store.setState(id, me, state);
    },
    async setParts(id, wanted) {
      await ensure(id);
      const before = parts.get(id) ?? [];
      for (const p of before) if (!wanted.includes(p)) await store.setPartDone(id, me, p, false);
      for (const p of wanted) if (!before.includes(p)) await store.setPartDone(id, me, p, true);
      parts.set(id, wanted);
    },
    async apply(id): Promise<ApplyOutcome> {
      if (!view.tree) return { ok: false, text: 'no tree to apply to: start lorescope with --tree DIR or set git config lorescope.tree' };
      const [{ writeAm }, { applySeries, ApplyRefused }, { applySummary }] = await Promise.all([
        import('../am/index.js'), import('../git/apply.js'), import('../git/apply-text.js'),
      ]);
      const res = writeAm(loaded, { msgid: id });
      if (!res.series) return { ok: false, text: `no patch series <${id}> to apply` };
      try {
        const s = res.series;
        const r = await applySeries({ tree: view.tree, mbox: res.mbox, series: { id: s.id, title: s.title, version: s.version, baseCommit: s.baseCommit } });
        await ensure(id).then(() => store.logActivity(id, me, 'apply', `${r.applied}/${r.patches.length} on ${r.branch}`)).catch(() => {});
        return { ok: !r.failed, text: applySummary(r) };
      } catch (e) {
        if (e instanceof ApplyRefused) return { ok: false, text: e.message };
        throw e;
      }
    },
    close: () => store.close(),
  };
}

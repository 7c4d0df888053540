// `lorescope track`: where each series stands, per reviewer, across days and people. `list` is the
// morning table; `set`, `mark`, `note`, `done` record; `show` tells one series' story; `add` tracks
// every series of a source. The state lives in a SQLite file or a team's PostgreSQL database.
import type { Command } from 'commander';
import type { StateStore } from '../state/index.js';
import { UsageError } from './errors.js';
import { repeatableList } from './repeatable.js';
import { addSourceOptions } from './source-options.js';
import { addTrackOptions, me, openStore, requireMe, resolveSeries, type TrackFlags } from './track-context.js';

const STATES = 'new, reviewing, replied, waiting, accepted, archived';

async function withStore<T>(flags: TrackFlags, fn: (store: StateStore) => Promise<T>): Promise<T> {
  const store = await openStore(flags);
  try {
    return await fn(store);
  } catch (e) {
    const { StateError } = await import('../state/index.js');
    if (e instanceof StateError) throw new UsageError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

/** A subcommand naming a series by SOURCE [MSGID] (after `lead`, if given), with the track and source options. */
function seriesCommand(track: Command, name: string, description: string, lead?: [string, string]): Command {
  const cmd = track.command(name).description(description);
  if (lead) cmd.argument(...lead);
  cmd
    .argument('[source]', 'a Message-ID the state already tracks, or an mbox/maildir/directory/-, Message-ID or lore URL to read the series from (default: the bundled demo)')
    .argument('[msgid]', 'a message of the series in SOURCE (default: the newest series)')
    .option('--mboxrd', 'force mboxrd unescaping');
  return addSourceOptions(addTrackOptions(cmd));
}

async function say(text: string): Promise<void> {
  const { sanitizeLine } = await import('../util/sanitize.js');
  process.stdout.write(sanitizeLine(text) + '\n');
}

export function registerTrack(program: Command): Command {
  const track = program
    .command('track')
    .description(`review state per series and reviewer (${STATES}), marks, notes, "my part is done"; shared through PostgreSQL with --state-db`);

  addTrackOptions(track.command('list'))
    .description('the table to look at in the morning: series, my state, who, last activity, waiting for')
    .option('--json', 'the rows as JSON')
    .option('--all', 'also series everybody archived')
    .option('--state <states>', `only series in these states, comma separated (${STATES}): my state when git config or --as says who I am, else anyone's`, repeatableList, [])
    .option('--mine', 'only series I have a standing in')
    .option('--reviewer <email>', 'only series this reviewer has a standing in')
    .action(async (opts) => {
      const { isReviewState } = await import('../state/index.js');
      for (const s of opts.state as string[]) if (!isReviewState(s)) throw new UsageError(`--state ${s}: not one of ${STATES}`);
      const who = me(opts);
      if (opts.mine && !who) requireMe(opts);
      const reviewer = opts.reviewer ?? (opts.mine ? who?.email : undefined);
      await withStore(opts, async (store) => {
        const rows = await store.list({ reviewer, stateOf: opts.reviewer ?? who?.email, states: opts.state, includeArchived: !!opts.all });
        if (opts.json) {
          const { mineOf } = await import('../views/track-text.js');
          const series = rows.map((r) => ({ ...r, state: mineOf(r, who?.email ?? null)?.state ?? 'new' }));
          process.stdout.write(JSON.stringify({ lorescope: 1, stateDb: { kind: store.kind, where: store.where }, me: who, series }, null, 2) + '\n');
          return;
        }
        const { formatTrackTable } = await import('../views/track-text.js');
        process.stdout.write(formatTrackTable(rows, who?.email ?? null));
      });
    });

  seriesCommand(track, 'set', `set my state of a series: ${STATES}`, ['<state>', STATES])
    .option('--for <who>', 'with waiting: whom I wait for (default: the author)')
    .action(async (state, source, msgid, opts) => {
      const { isReviewState } = await import('../state/index.js');
      if (!isReviewState(state)) throw new UsageError(`"${state}" is not a review state: ${STATES}`);
      const who = requireMe(opts);
      await withStore(opts, async (store) => {
        const s = await resolveSeries(store, source, msgid, opts);
        await store.setState(s.id, who, state, opts.for ?? null);
        await say(`${who.email}: "${s.title}" v${s.version} is ${state}${state === 'waiting' ? ` for ${opts.for ?? (s.author.name || s.author.email)}` : ''}`);
      });
    });

  seriesCommand(track, 'mark', 'mark patches reviewed (or, with --unmark, not)')
    .requiredOption('-p, --patch <list>', 'patch numbers or Message-IDs, comma separated, or "all"', repeatableList, [])
    .option('--unmark', 'remove the marks instead')
    .action(async (source, msgid, opts) => {
      const who = requireMe(opts);
      await withStore(opts, async (store) => {
        const s = await resolveSeries(store, source, msgid, opts);
        const wanted = (opts.patch as string[]).includes('all') ? s.patches : (opts.patch as string[]).map((p) => {
          const hit = /^\d+$/.test(p) ? s.patches.find((x) => x.index === Number(p)) : s.patches.find((x) => x.msgid === p.replace(/^<|>$/g, ''));
          if (!hit) throw new UsageError(`--patch ${p}: no such patch in "${s.title}" v${s.version} (patches ${s.patches.map((x) => x.index).join(', ')})`);
          return hit;
        });
        const ids = wanted.map((p) => p.msgid);
        await store.changeMarks(s.id, who, opts.unmark ? [] : ids, opts.unmark ? ids : []);
        await say(`${who.email}: "${s.title}" v${s.version}: ${opts.unmark ? 'unmarked' : 'marked reviewed'} ${wanted.map((p) => p.index).join(', ')}`);
      });
    });

  seriesCommand(track, 'note', 'add a note to a series')
    .requiredOption('-m, --message <text>', 'the note')
    .action(async (source, msgid, opts) => {
      const who = requireMe(opts);
      await withStore(opts, async (store) => {
        const s = await resolveSeries(store, source, msgid, opts);
        await store.addNote(s.id, who, opts.message);
        await say(`${who.email}: note added to "${s.title}" v${s.version}`);
      });
    });

  seriesCommand(track, 'done', '"my part is done": I acked or reviewed my part (a subsystem) of a series another tree takes')
    .option('--part <name>', 'the part, e.g. a subsystem ("cgroup", "MEMORY MANAGEMENT"); default: all of my part', '*')
    .option('--undo', 'not done after all')
    .action(async (source, msgid, opts) => {
      const who = requireMe(opts);
      await withStore(opts, async (store) => {
        const s = await resolveSeries(store, source, msgid, opts);
        await store.setPartDone(s.id, who, opts.part, !opts.undo);
        await say(`${who.email}: "${s.title}" v${s.version}: ${opts.part === '*' ? 'my part' : `part ${opts.part}`} ${opts.undo ? 'no longer ' : ''}done`);
      });
    });

  seriesCommand(track, 'show', 'one series: everybody\'s state, marks per patch, notes, the activity log')
    .option('--json', 'as JSON')
    .action(async (source, msgid, opts) => {
      await withStore(opts, async (store) => {
        const s = await resolveSeries(store, source, msgid, opts);
        const d = await store.detail(s.id);
        if (!d) throw new UsageError(`series <${s.id}> is not tracked`);
        if (opts.json) process.stdout.write(JSON.stringify({ lorescope: 1, stateDb: { kind: store.kind, where: store.where }, ...d }, null, 2) + '\n');
        else process.stdout.write((await import('../views/track-text.js')).formatTrackDetail(d));
      });
    });

  addSourceOptions(addTrackOptions(track.command('add')))
    .description('track every series of SOURCE (a list archive, a thread) without setting a state')
    .argument('[source...]', 'mbox/maildir/directory/-, Message-IDs or lore URLs (default: the bundled demo)')
    .option('--mboxrd', 'force mboxrd unescaping')
    .action(async (sources: string[], opts) => {
      const [{ loadFromArgs }, { seriesInfo }] = await Promise.all([import('./load.js'), import('../state/index.js')]);
      const loaded = await loadFromArgs(sources, opts);
      const series = loaded.model.series.filter((s) => s.patches.length);
      await withStore(opts, async (store) => {
        for (const s of series) await store.trackSeries(seriesInfo(s));
      });
      await say(`tracking ${series.length} series`);
    });

  return track;
}

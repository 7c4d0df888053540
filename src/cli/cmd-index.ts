// `lorescope index SOURCE...`: build or bring up to date the on-disk index of mbox files, maildirs
// and directories of them, as every other command does on first use; one line per source.
import type { Command } from 'commander';

export function registerIndex(program: Command): void {
  program
    .command('index')
    .description('build or refresh the on-disk index of SOURCE (mbox, .gz, maildir, directory); other commands do this on first use')
    .argument('<source...>', 'mbox/mboxrd files (.gz too), maildirs or directories of mbox files')
    .option('--mboxrd', "force mboxrd unescaping (detected from lore's `From mboxrd@z` by default)")
    .option('--json', 'one JSON object: the index file and, per source, messages and what was done')
    .action(async (sources: string[], opts: { mboxrd?: boolean; json?: boolean }) => {
      const [{ cacheRoot }, { indexPath, openIndex }, { indexArg }, { progressReporter, clearProgress }, { UsageError }] = await Promise.all([
        import('../sources/cache.js'), import('../index/db.js'), import('../index/catalog.js'), import('./progress.js'), import('./errors.js'),
      ]);
      const path = indexPath(cacheRoot());
      const db = openIndex(path);
      const out: { source: string; messages: number; errors: number; refresh: string; seconds: number }[] = [];
      try {
        for (const src of sources) {
          const t0 = performance.now();
          const onProgress = progressReporter(`indexing ${src}`);
          let got;
          try {
            got = await indexArg(db, src, { mboxrd: opts.mboxrd, onProgress });
          } catch (e) {
            throw new UsageError(`${src}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
          } finally {
            if (onProgress) clearProgress();
          }
          if (!got) throw new UsageError(`${src}: standard input cannot be indexed`);
          for (const s of got) {
            const counts = db.prepare('SELECT count(*) n, count(error) e FROM messages WHERE source = ? AND gone = 0').get(s.id) as { n: number; e: number };
            out.push({ source: s.label, messages: counts.n - counts.e, errors: counts.e, refresh: s.refresh, seconds: (performance.now() - t0) / 1000 });
          }
        }
      } finally {
        db.close();
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify({ lorescope: 1, index: path, sources: out }, null, 2) + '\n');
        return;
      }
      for (const s of out) {
        process.stdout.write(`${s.source}: ${s.messages} messages${s.errors ? `, ${s.errors} unreadable` : ''} (${s.refresh}, ${s.seconds.toFixed(2)} s)\n`);
      }
    });
}

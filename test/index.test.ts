// The on-disk index on real mail: reused when nothing changed, read from the tail when an mbox grew,
// indexed again when it was rewritten; a maildir's new and removed files; a truncated or foreign index
// file rebuilt; two processes at once; and the same output as reading the sources directly.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cli, corpus, ROOT, type CliResult } from './helpers/corpus.js';

const THREADS = corpus('real/threads');
const thread = (n: string) => readFileSync(join(THREADS, `${n}.mbox`));

interface IndexRun { source: string; messages: number; errors: number; refresh: string }

function indexJson(args: string[], env: NodeJS.ProcessEnv): IndexRun[] {
  const r = cli(['index', '--json', ...args], { env });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { sources: IndexRun[] }).sources;
}

const fresh = () => ({ XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ls-index-')) });
const same = (a: CliResult, b: CliResult) => {
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  expect(b.stdout).toBe(a.stdout);
};

describe('index reuse and invalidation: an mbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-index-mbox-'));
  const file = join(dir, 'list.mbox');
  const env = fresh();
  /** Messages of the threads as reading them directly counts them. */
  const count = (...ns: string[]) => ns.reduce((n, x) => n + Number(/"messages": (\d+)/.exec(cli(['series', '--json', '--no-index', join(THREADS, `${x}.mbox`)]).stdout)![1]), 0);

  it('indexes, then reuses the index while the file is unchanged', () => {
    writeFileSync(file, Buffer.concat([thread('001'), thread('017')]));
    const [first] = indexJson([file], env);
    expect(first).toMatchObject({ refresh: 'indexed', messages: count('001', '017'), errors: 0 });
    const [again] = indexJson([file], env);
    expect(again).toMatchObject({ refresh: 'unchanged', messages: first.messages });
  });

  it('an appended thread is read from the old last message on; output as reading the file', () => {
    appendFileSync(file, thread('085'));
    const [grown] = indexJson([file], env);
    expect(grown).toMatchObject({ refresh: 'appended', messages: count('001', '017', '085') });
    same(cli(['series', '--json', '--no-index', file]), cli(['series', '--json', file], { env }));
  });

  it('a message half written when indexed is read whole once the writer is done', () => {
    const next = thread('110');
    const cut = next.indexOf('\n\n', 200) + 1;
    appendFileSync(file, next.subarray(0, cut));
    indexJson([file], env);
    appendFileSync(file, next.subarray(cut));
    const [done] = indexJson([file], env);
    expect(done).toMatchObject({ refresh: 'appended', messages: count('001', '017', '085', '110') });
    same(cli(['series', '--json', '--no-index', file]), cli(['series', '--json', file], { env }));
    same(cli(['am', '--no-index', file, '20230615073226.1343-1-haifeng.xu@shopee.com']), cli(['am', file, '20230615073226.1343-1-haifeng.xu@shopee.com'], { env }));
  });

  it('a rewritten file (same size or not) is indexed again', () => {
    writeFileSync(file, Buffer.concat([thread('017'), thread('001')]));
    const [re] = indexJson([file], env);
    expect(re).toMatchObject({ refresh: 'indexed', messages: count('001', '017') });
    same(cli(['series', '--json', '--no-index', file]), cli(['series', '--json', file], { env }));
  });
});

describe('index reuse and invalidation: a maildir', () => {
  it('new and removed files are seen; message order is the directory\'s', () => {
    const md = mkdtempSync(join(tmpdir(), 'ls-index-md-'));
    for (const s of ['cur', 'new', 'tmp']) mkdirSync(join(md, s));
    const split = mkdtempSync(join(tmpdir(), 'ls-index-split-'));
    spawnSyncOk('git', ['mailsplit', '--mboxrd', `-o${split}`, corpus('real/threads/086.mbox')]);
    const files = readdirSync(split).sort();
    files.forEach((f, i) => copyFileSync(join(split, f), join(md, i % 3 ? 'cur' : 'new', `1700000${String(i).padStart(3, '0')}.M1P1.host:2,S`)));
    const env = fresh();
    expect(indexJson([md], env)[0]).toMatchObject({ refresh: 'indexed', messages: files.length });
    expect(indexJson([md], env)[0]).toMatchObject({ refresh: 'unchanged' });
    rmSync(join(md, 'cur', readdirSync(join(md, 'cur')).sort()[2]));
    copyFileSync(join(split, files[0]), join(md, 'new', '1799999999.M9P9.host'));
    expect(indexJson([md], env)[0]).toMatchObject({ refresh: 'appended', messages: files.length });
    same(cli(['series', '--json', '--no-index', md]), cli(['series', '--json', md], { env }));
  });
});

function spawnSyncOk(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('a damaged index is rebuilt, never trusted', () => {
  const input = corpus('real/rfc-v4/private-memory-nodes-v4.mbox');
  for (const [what, damage] of [
    ['truncated', (p: string) => truncateSync(p, Math.floor(statSync(p).size / 3))],
    ['not an SQLite file at all', (p: string) => writeFileSync(p, 'From mboxrd@z Thu Jan  1 00:00:00 1970\nnot a database\n')],
    ['pages overwritten', (p: string) => { const b = readFileSync(p); b.fill(0x5a, 4096, Math.min(b.length, 4096 * 6)); writeFileSync(p, b); }],
  ] as const) {
    it(`${what}: set aside, indexed again, same output`, () => {
      const env = fresh();
      const want = cli(['series', '--json', '--no-index', input]);
      same(want, cli(['series', '--json', input], { env }));
      const path = join(env.XDG_CACHE_HOME, 'lorescope', 'index.sqlite');
      damage(path);
      const after = cli(['series', '--json', input], { env });
      same(want, after);
      expect(after.stderr).toBe('');
      expect(indexJson([input], env)[0].refresh).toBe('unchanged');
    });
  }
});

describe('two processes at once', () => {
  it('index the same archive thread file together: both succeed, no row twice, same output', async () => {
    const env = { ...process.env, NO_COLOR: '1', ...fresh() };
    const input = join(mkdtempSync(join(tmpdir(), 'ls-index-conc-')), 'two.mbox');
    writeFileSync(input, Buffer.concat(['022', '030', '048', '065', '092'].map(thread)));
    const run = () => new Promise<CliResult>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'index', '--json', input], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => { stdout += d; });
      p.stderr.on('data', (d) => { stderr += d; });
      p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    const [a, b] = await Promise.all([run(), run()]);
    for (const r of [a, b]) expect(r.code, r.stderr).toBe(0);
    const refreshes = [a, b].map((r) => (JSON.parse(r.stdout) as { sources: IndexRun[] }).sources[0]);
    expect(refreshes.map((x) => x.refresh).sort()).toEqual(['indexed', 'unchanged']);
    expect(refreshes[0].messages).toBe(refreshes[1].messages);
    same(cli(['series', '--json', '--no-index', input]), cli(['series', '--json', input], { env }));
  });
});

describe('what the index reads without unquoting mboxrd', () => {
  it('a message without a Message-ID is found by the id reading everything gives it, ">From " lines and all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-index-quoted-'));
    const file = join(dir, 'rd.mbox');
    // Its synthesised id hashes the unquoted bytes: the index reads them quoted and must unquote first.
    const patch = [
      'From: Ann Example <ann@example.org>', 'Subject: [PATCH] mm: quoted from lines', 'Date: Mon, 1 Jan 2024 10:00:00 +0000', '',
      'The changelog quotes a mailbox line:', '>From here on, nothing changes.', '', 'Signed-off-by: Ann Example <ann@example.org>', '---',
      'diff --git a/mm/x.c b/mm/x.c', '--- a/mm/x.c', '+++ b/mm/x.c', '@@ -1 +1 @@', '-a', '+b', '',
    ].join('\n');
    writeFileSync(file, `From mboxrd@z Thu Jan  1 00:00:00 1970\n${patch.replace(/^(>*From )/gm, '>$1')}\n`);
    const direct = cli(['series', '--json', '--no-index', file]);
    expect(direct.code, direct.stderr).toBe(0);
    const id = (JSON.parse(direct.stdout) as { series: { id: string }[] }).series[0].id;
    expect(id).toMatch(/@synthesized$/);
    const env = fresh();
    const am = cli(['am', file, id, '-o', '-'], { env });
    expect(am.code, am.stderr).toBe(0);
    expect(am.stdout).toContain('\n>From here on, nothing changes.\n');
    same(cli(['am', '--no-index', file, id, '-o', '-']), am);
  });
});

describe('a first index in one thread or two', () => {
  it('gives the same rows and the same units on the real archive (the worker thread is taken from 384 MiB on)', async () => {
    const { archiveMbox } = await import('./helpers/archive.js');
    const { default: Database } = await import('better-sqlite3');
    const archive = archiveMbox();
    /** Every message row in file order, and the units as sets of Message-IDs (unit numbers are arbitrary). */
    const contents = (threadsFrom: string | undefined) => {
      const env = { ...fresh(), ...(threadsFrom ? { LORESCOPE_INDEX_THREADS_FROM: threadsFrom } : {}) };
      expect(indexJson([archive], env)[0].messages).toBeGreaterThan(19_000);
      const db = new Database(join(env.XDG_CACHE_HOME, 'lorescope', 'index.sqlite'), { readonly: true });
      try {
        const rows = db.prepare('SELECT seq, msgid, error, start, off, len, sep, date, from_email, from_name, title, version, minor, idx, total, reply, patch, change_id FROM messages ORDER BY seq').raw().all();
        const units = new Map<number, string[]>();
        for (const r of db.prepare('SELECT msgid, unit FROM ids ORDER BY msgid').all() as { msgid: string; unit: number }[]) (units.get(r.unit) ?? units.set(r.unit, []).get(r.unit)!).push(r.msgid);
        return { rows, units: [...units.values()].map((u) => u.join(' ')).sort() };
      } finally {
        db.close();
      }
    };
    const one = contents(undefined);
    const two = contents('0');
    expect(two.rows.length).toBe(one.rows.length);
    expect(two.rows).toEqual(one.rows);
    expect(two.units).toEqual(one.units);
  }, 60_000);
});

// `lorescope am` on the demo: git am (through simple-git) accepts it and the commits carry the trailers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { cli, ROOT } from './helpers/corpus.js';

let work: string;
let git: SimpleGit;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ls-am-demo-'));
  cpSync(join(ROOT, 'patches', 'base-tree'), join(work, 'tree'), { recursive: true });
  // HOME points at the temp dir so no user or system git config leaks in; identity is repo-local.
  git = simpleGit({ baseDir: join(work, 'tree') }).env({ PATH: process.env.PATH ?? '', HOME: work });
  await git.init();
  await git.addConfig('user.name', 'T').addConfig('user.email', 't@example.org').addConfig('commit.gpgsign', 'false');
  await git.add('-A');
  await git.commit('base');
});

afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

describe('lorescope am on the demo series', () => {
  it('writes the newest version, git am applies it, and trailers reach the commits', async () => {
    const r = cli(['am', 'patches', '--add-link', '-o', join(work, 'v2.mbox')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote 5 patch\(es\) of "mm: fenced memory nodes for CXL-attached memory" v2/);
    await git.raw(['am', '--whitespace=error-all', join(work, 'v2.mbox')]);
    const log = await git.log({ maxCount: 5 });
    expect(log.all.map((c) => c.message)).toEqual([
      'cgroup/cpuset: keep fenced nodes from the root cpuset\'s tasks',
      'mm/damon/paddr: do not migrate into fenced nodes',
      'cxl/region: tag device private pages with a fence id',
      'mm/memory-tiers: keep fenced nodes out of demotion',
      'mm: add N_FENCED node state and __GFP_FENCED',
    ]);
    const bodies = log.all.map((c) => c.body);
    // The Reviewed-by replies on 1/5 and 4/5 land on those commits only.
    expect(bodies[4]).toContain('Reviewed-by: Oskar Lindqvist <oskar.lindqvist@example.org>');
    expect(bodies[1]).toContain('Reviewed-by: Priya Raman <priya.raman@example.net>');
    expect(bodies[2]).not.toContain('Reviewed-by:');
    // The cover-letter ack applies to every patch (as b4 does), with its scope annotation kept.
    for (const b of bodies) expect(b).toContain('Acked-by: Jonas Feld <jonas.feld@example.org> # for the cgroup parts');
    expect(bodies[0]).toContain('Link: https://patch.msgid.link/20240311094207.40112-6-mira.castellano@example.com');
  });

  it('--scoped-trailers applies the "# for the cgroup parts" ack to the cgroup patch only, and git am takes it', async () => {
    const r = cli(['am', 'patches', '--scoped-trailers', '-o', join(work, 'scoped.mbox')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('scope: Acked-by: Jonas Feld <jonas.feld@example.org> # for the cgroup parts → 5/5 only');
    await git.raw(['checkout', '-q', '--detach', 'HEAD~5']);
    await git.raw(['am', join(work, 'scoped.mbox')]);
    const bodies = (await git.log({ maxCount: 5 })).all.map((c) => c.body);
    expect(bodies.map((b) => b.includes('Acked-by: Jonas Feld'))).toEqual([true, false, false, false, false]);
    expect(bodies[4]).toContain('Reviewed-by: Oskar Lindqvist <oskar.lindqvist@example.org>');
  });

  it('a given message id selects the older version', () => {
    const r = cli(['am', 'patches', '<20240304081530.23817-2-mira.castellano@example.com>']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^From git@z /gm)).toHaveLength(2);
    expect(r.stdout).toContain('Subject: [PATCH RFC 1/2]');
  });

  it('--add-my-sob without an identity is a usage error', () => {
    const r = cli(['am', join(ROOT, 'patches'), '--add-my-sob'], { cwd: work, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', HOME: work } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--add-my-sob needs --identity/);
  });

  it('am reads stdin and writes to stdout', () => {
    const r = cli(['am', '-', '--identity', 'Rev Iewer <rev@example.org>', '--add-my-sob'], { input: readFileSync(join(ROOT, 'patches', 'fenced-nodes-v1.mbox')) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Signed-off-by: Rev Iewer <rev@example.org>');
  });
});

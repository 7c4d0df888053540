// `--github-pr OWNER/REPO#N`: a pull request read from a fake GitHub becomes one series whose patches
// are the same as when the commits arrive as a format-patch mbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGithub } from './helpers/fake-github.js';
import { commitsOf, pullFromMbox } from './helpers/fake-github-pr.js';
import { corpus } from './helpers/corpus.js';
import { loadFromGithubPr } from '../src/cli/load-github.js';
import { loadFromArgs } from '../src/cli/load.js';
import { analysersFor } from '../src/cli/review.js';
import { buildReview } from '../src/review/build.js';
import { parsePullRef } from '../src/views/github/spec.js';
import { commitMail } from '../src/views/github/pr-mail.js';

const FOLIO = corpus('kernel/series/folio-5.17.mbox');
const DAMON = corpus('kernel/series/damon-5.15.mbox');
let gh: FakeGithub;
const saved = { GITHUB_TOKEN: process.env.GITHUB_TOKEN, GH_TOKEN: process.env.GH_TOKEN, GITHUB_API_URL: process.env.GITHUB_API_URL };

beforeEach(async () => {
  gh = await FakeGithub.start();
  delete process.env.GITHUB_TOKEN;
  delete process.env.GH_TOKEN;
  delete process.env.GITHUB_API_URL;
});
afterEach(async () => {
  await gh.close();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

describe('pull request as a series', () => {
  it('reads the pull request, its commits over two pages and each patch, and builds one series', async () => {
    gh.addPull('linux-mm', 'folio', 12, pullFromMbox(FOLIO, { title: 'Folio conversion (5.17)' }));
    const loaded = await loadFromGithubPr('linux-mm/folio#12', { githubApi: gh.url });
    const reqs = gh.requests.map((r) => `${r.method} ${r.path}${r.query.get('page') ? `?page=${r.query.get('page')}` : ''}`);
    expect(reqs.slice(0, 3)).toEqual(['GET /repos/linux-mm/folio/pulls/12', 'GET /repos/linux-mm/folio/pulls/12/commits', 'GET /repos/linux-mm/folio/pulls/12/commits?page=2']);
    const patchGets = gh.requests.slice(3);
    expect(patchGets).toHaveLength(167);
    for (const r of patchGets) expect(r.headers.accept).toBe('application/vnd.github.patch');
    expect(new Set(patchGets.map((r) => r.path))).toEqual(new Set(commitsOf(FOLIO).map((c) => `/repos/linux-mm/folio/commits/${c.sha}`)));

    const { model } = loaded;
    expect(model.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(model.series).toHaveLength(1);
    const s = model.series[0];
    expect(s).toMatchObject({ title: 'Folio conversion (5.17)', total: 167, missing: [], baseCommit: 'b'.repeat(40) });
    expect(s.cover?.from).toEqual({ name: 'octo-dev', email: '4242+octo-dev@users.noreply.github.com' });
    expect(s.patches.map((p) => p.index)).toEqual(Array.from({ length: 167 }, (_, i) => i + 1));
    expect(s.patches[0].subject).toBe('[PATCH 001/167] mm/munlock: delete page_mlock() and all its works');
    expect(s.patches[0].from.email).toBe('hughd@google.com');
    // The cover letter says why, with CRLF from the web form turned into LF.
    expect(loaded.mails.get(s.cover!.msgid)!.body).toMatch(/^Why this series exists\.\n\nIt is read from GitHub\.\n\nPull request: https:\/\/github.com\/linux-mm\/folio\/pull\/12\n/);
  });

  it('the same patches, diffs and rule findings as the mbox the commits came from', async () => {
    gh.addPull('o', 'r', 5, pullFromMbox(FOLIO));
    const viaPr = await loadFromGithubPr(`${gh.url}/o/r/pull/5/files`, { githubApi: gh.url });
    const viaMbox = await loadFromArgs([FOLIO], {});
    const an = await analysersFor({});
    const prReview = buildReview(viaPr, an);
    const mboxReview = buildReview(viaMbox, an);
    const prPatches = prReview.series[0].patches;
    const mboxPatches = mboxReview.series.flatMap((x) => x.patches);
    expect(prPatches.map((p) => p.title)).toEqual(mboxPatches.map((p) => p.title));
    expect(prPatches.map((p) => p.files.map((f) => `${f.path}:${f.added}:${f.removed}`))).toEqual(mboxPatches.map((p) => p.files.map((f) => `${f.path}:${f.added}:${f.removed}`)));
    expect(prPatches.map((p) => p.message)).toEqual(mboxPatches.map((p) => p.message));
    const key = (f: { ruleId: string; file: string | null; line: number | null; text: string }) => `${f.ruleId} ${f.file}:${f.line} ${f.text}`;
    const onFiles = (r: typeof prReview) => r.series.flatMap((x) => x.findings).filter((f) => f.file).map(key).sort();
    expect(onFiles(prReview)).toEqual(onFiles(mboxReview));
    expect(onFiles(prReview).length).toBe(95);
    // The pull request's base makes the series say where it applies.
    expect(prReview.series[0].findings.filter((f) => f.ruleId === 'process.base-commit-missing')).toEqual([]);
  });

  it('sends the token when there is one, and names the pull request in a one-line error', async () => {
    process.env.GH_TOKEN = 'gho_prTestToken123456789';
    gh.token = 'gho_prTestToken123456789';
    gh.addPull('o', 'r', 1, pullFromMbox(DAMON));
    const loaded = await loadFromGithubPr('o/r#1', { githubApi: gh.url });
    expect(loaded.model.series[0].patches).toHaveLength(35);
    expect(gh.requests.every((r) => r.headers.authorization === 'token gho_prTestToken123456789')).toBe(true);
    const e = await loadFromGithubPr('o/r#404', { githubApi: gh.url }).catch((x) => x);
    expect(e.message).toBe('reading pull request o/r#404 failed: HTTP 404 Not Found (not found, or the token cannot see it): GET /repos/o/r/pulls/404');
  });

  it('GitHub Enterprise: the API under /api/v3', async () => {
    gh.prefix = '/api/v3';
    gh.addPull('o', 'r', 2, pullFromMbox(DAMON));
    const loaded = await loadFromGithubPr('o/r#2', { githubApi: `${gh.url}/api/v3/` });
    expect(loaded.model.series[0].total).toBe(35);
  });

  it('commit subjects: a [PATCH] prefix is replaced, folded lines joined, other headers kept byte for byte', () => {
    const pr = { ref: { owner: 'o', repo: 'r', number: 3 } } as Parameters<typeof commitMail>[1];
    const patch = Buffer.from('From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: =?UTF-8?q?J=C3=B6rg?= <j@example.org>\nDate: Mon, 4 Mar 2024 10:00:00 +0100\nSubject: [PATCH] mm: a long subject that git folded\n onto a second line\nMessage-ID: <old@id>\n\nBody.\n---\n');
    const out = commitMail(patch, pr, 2, 12, '0123456789abcdef0123456789abcdef01234567').toString('latin1');
    expect(out).toBe('From: =?UTF-8?q?J=C3=B6rg?= <j@example.org>\nDate: Mon, 4 Mar 2024 10:00:00 +0100\n'
      + 'Subject: [PATCH 02/12] mm: a long subject that git folded onto a second line\n'
      + 'Message-ID: <pr3.2.0123456789ab.r@o.github.invalid>\nIn-Reply-To: <pr3.0.r@o.github.invalid>\nReferences: <pr3.0.r@o.github.invalid>\n\nBody.\n---\n');
  });

  it('parses OWNER/REPO#N and pull request URLs, and rejects anything else', () => {
    expect(parsePullRef('torvalds/linux#42')).toEqual({ owner: 'torvalds', repo: 'linux', number: 42 });
    expect(parsePullRef('https://github.com/kernel-patches/bpf/pull/8123/commits')).toEqual({ owner: 'kernel-patches', repo: 'bpf', number: 8123 });
    for (const bad of ['torvalds/linux', 'linux#4', 'a/b/c#1', 'o/r#0', 'o/r#x', '-o/r#1', 'o/..#1', 'https://github.com/o/r/issues/1']) {
      expect(() => parsePullRef(bad), bad).toThrow(/expected OWNER\/REPO#N or a pull request URL|expected OWNER\/REPO|expected a pull request number/);
    }
  });
});

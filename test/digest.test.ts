// The digest as data and as Markdown, on the demo, on b4's cover-trailer sample, over a time window,
// and through the `digest` command.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { digestAll, digestSeries } from '../src/review/digest.js';
import { sinceDigest } from '../src/review/since.js';
import { renderMarkdown, renderMarkdownSince } from '../src/views/digest/markdown.js';
import { html as escHtml, md } from '../src/views/digest/escape.js';
import { renderHtml } from '../src/views/digest/html.js';
import { parseSince, registerDigest } from '../src/cli/cmd-digest.js';
import { corpus, ROOT } from './helpers/corpus.js';
import { maintainersAnalysers } from './digest-helpers.js';

const B4_COVER = corpus('b4-samples', 'trailers-thread-with-cover-followup.mbox');

describe('demo digest', async () => {
  const loaded = await loadSources([join(ROOT, 'patches')]);
  const review = buildReview(loaded, maintainersAnalysers());
  const digests = digestAll(review, loaded.mails);

  it('one digest for the work, of its newest version, with both versions listed', () => {
    expect(digests).toHaveLength(1);
    const s = digests[0].summary;
    expect(s).toMatchObject({ title: 'mm: fenced memory nodes for CXL-attached memory', version: 2, rfc: true, posted: '2024-03-11T09:42:07.000Z', lastActivity: '2024-03-14T20:30:41.000Z' });
    expect(s.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(s.lists).toEqual(['linux-mm@kvack.org', 'linux-kernel@vger.kernel.org', 'linux-cxl@vger.kernel.org', 'cgroups@vger.kernel.org']);
    expect(s.counts).toMatchObject({ patches: 5, replies: 5, reviewTrailers: 3, reviewers: 3, comments: 2, openFeedback: 1, missingCc: 3 });
  });

  it('Markdown carries every block', () => {
    const text = renderMarkdown(digests);
    for (const h of ['## Ownership × review', '## Cover-letter and scoped trailers', '## Changes since v1', '## Findings by rule', '## Review feedback', '## Missing Cc']) expect(text).toContain(h);
    expect(text).toMatch(/\| CONTROL GROUP - CPUSET \| not reviewed \|( +\|){4} ✗ \| Jonas Feld \(not listed\) \|/);
    expect(text).toContain('→ patch 5/5 only ("cgroup" by subject)');
    expect(text).toContain('| 2/2 | 3/5 | unchanged |');
    expect(text).toMatch(/\*\*resolved\*\* v1 patch 1, include\/linux\/mm\\_types.h:59, Oskar Lindqvist/);
    expect(text).toContain('[message](https://lore.kernel.org/all/ZecrJ4kQm1vT8wXa@ol-t14/)');
    expect(text).toContain('damon@lists.linux.dev (list, DATA ACCESS MONITOR)');
    // The interdiff fence is a real diff block.
    expect(text).toMatch(/```diff\n## Commit message\n/);
  });

  it('the v1 digest shows its comment open from v1 alone, resolved once v2 is known', async () => {
    const v1only = await loadSources([join(ROOT, 'patches', 'fenced-nodes-v1.mbox')]);
    const r1 = buildReview(v1only);
    const alone = digestSeries(r1, r1.series[0], v1only.mails);
    expect(alone.changes).toBeNull();
    expect(alone.feedback.map((f) => f.status)).toEqual(['open']);
    expect(renderMarkdown([alone])).toContain('First version.');
    const d = digestSeries(review, review.series[0], loaded.mails);
    expect(d.changes).toBeNull();
    expect(d.feedback.map((f) => [f.version, f.status])).toEqual([[1, 'resolved']]);
  });
});

describe('b4 sample: trailers on the cover letter', () => {
  it('the cover-letter Reviewed-by shows on every patch', async () => {
    const loaded = await loadSources([B4_COVER]);
    const review = buildReview(loaded);
    const [d] = digestAll(review, loaded.mails);
    const rows = renderMarkdown([d]).split('\n').filter((l) => /^\| \d\/4 \|/.test(l));
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toContain('Cover Upper: Reviewed-by (on the cover letter)');
    expect(rows[3]).toContain('Follow Upper: Tested-by');
    expect(d.trailers.filter((t) => t.givenOn === null).map((t) => [t.name, t.scope.patches])).toEqual([['Reviewed-by', [1, 2, 3, 4]]]);
  });
});

describe('--since: a list digest over a window', async () => {
  const loaded = await loadSources([join(ROOT, 'patches'), B4_COVER]);
  const review = buildReview(loaded);

  it('one entry per series posted or discussed in the window, newest activity first', () => {
    const all = sinceDigest(review, loaded.mails, new Date('2000-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z'));
    const dates = all.entries.map((e) => e.lastInWindow);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(all.entries.map((e) => e.digest.summary.title)).toContain('This is a cover for test series 1');
    const march = sinceDigest(review, loaded.mails, new Date('2024-03-05T00:00:00Z'), new Date('2024-03-31T00:00:00Z'));
    expect(march.entries.map((e) => [e.digest.summary.version, e.postedInWindow, e.messagesInWindow])).toEqual([
      [2, true, 11],
      [1, false, 2],
    ]);
    const text = renderMarkdownSince(march);
    expect(text).toContain('posted earlier (2024-03-04), 2 messages in the window');
    expect(text).toContain('Since v1: 1 unchanged, 1 changed, 3 new, 0 dropped');
    expect(text).toContain('Acked-by: Jonas Feld → patch 5/5 only');
  });

  it('reads dates as the CLI takes them', () => {
    expect(parseSince('2024-03-10').toISOString()).toBe('2024-03-10T00:00:00.000Z');
    expect(parseSince('2w', new Date('2024-03-15T00:00:00Z')).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(() => parseSince('last tuesday')).toThrow(/not a date/);
  });
});

describe('the digest command', () => {
  async function run(args: string[]): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'ls-digest-'));
    const out = join(dir, 'out');
    const program = new Command().exitOverride();
    registerDigest(program);
    await program.parseAsync(['digest', ...args, '-o', out], { from: 'user' });
    return readFileSync(out, 'utf8');
  }

  it('writes Markdown by default and one HTML file with --format html', async () => {
    const text = await run([join(ROOT, 'patches')]);
    expect(text).toMatch(/^# mm: fenced memory nodes for CXL-attached memory \(RFC v2\)/);
    const html = await run([join(ROOT, 'patches'), '--format', 'html']);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
  });

  it('--format json carries the digest data', async () => {
    const data = JSON.parse(await run([join(ROOT, 'patches'), '--format', 'json']));
    expect(data.series).toHaveLength(1);
    const ack = data.series[0].trailers.find((t: { name: string }) => t.name === 'Acked-by');
    expect(ack.scope.patches).toEqual([5]);
  });

  it('--since over the sources', async () => {
    const text = await run([join(ROOT, 'patches'), '--since', '2024-03-10']);
    expect(text).toMatch(/^# Series posted or discussed 2024-03-10 – /);
    expect(text.match(/^## /gm)).toHaveLength(1);
  });
});

describe('untrusted mail in the output', () => {
  it('Markdown escapes links, HTML and table pipes from mail', () => {
    expect(md('[x](javascript:alert(1)) <b>|</b> *a* `c`')).toBe('\\[x\\](javascript:alert(1)) \\<b\\>\\|\\</b\\> \\*a\\* \\`c\\`');
    expect(md('# heading\x1b[31m')).toBe('\\# heading');
  });

  it('a hostile subject and reply stay text', async () => {
    const text = readFileSync(B4_COVER, 'utf8')
      .replace('Subject: [PATCH 0/4] This is a cover for test series 1', 'Subject: [PATCH 0/4] <img src=x onerror=alert(1)> | [a](javascript:x) `')
      .replace('Reviewed-by: Cover Upper <cover.upper@example.org>', 'Reviewed-by: Cover Upper <cover.upper@example.org> # for the <script>alert(1)</script> parts');
    const dir = mkdtempSync(join(tmpdir(), 'ls-hostile-'));
    writeFileSync(join(dir, 'x.mbox'), text);
    const loaded = await loadSources([join(dir, 'x.mbox')]);
    const d = digestAll(buildReview(loaded), loaded.mails);
    const html = renderHtml(d);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('# for the &lt;script&gt;alert(1)&lt;/script&gt; parts');
    const mdText = renderMarkdown(d);
    expect(mdText).toContain('\\<img src=x onerror=alert(1)\\> \\| \\[a\\](javascript:x) \\`');
    // The unresolvable scope is said so, and the review still counts everywhere.
    expect(mdText).toContain('every patch — could not narrow it');
  });
});

describe('every patchwork parser mbox (odd and broken mail)', () => {
  const files = ['series', 'mail', 'fuzz'].flatMap((d) => readdirSync(corpus('patchwork', d)).filter((f) => f.endsWith('.mbox')).map((f) => corpus('patchwork', d, f)));

  it('digests without throwing, naming every series it found', async () => {
    expect(files.length).toBeGreaterThan(50);
    let series = 0;
    for (const f of files) {
      const loaded = await loadSources([f]);
      const digests = digestAll(buildReview(loaded), loaded.mails);
      const text = renderMarkdown(digests);
      const page = renderHtml(digests);
      for (const d of digests) {
        series++;
        expect(text, f).toContain(md(d.summary.title));
        expect(page, f).toContain(escHtml(d.summary.title));
      }
      expect(page, f).not.toMatch(/<script/i);
    }
    expect(series).toBeGreaterThan(30);
  });
});

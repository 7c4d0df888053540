// The HTML digest in a real browser: headless Chromium renders the demo's digest at phone width to a
// PNG (kept in test-artifacts/) and dumps the DOM, whose text we check. Skipped, visibly, without it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSources } from '../src/pipeline/load.js';
import { buildReview } from '../src/review/build.js';
import { digestAll } from '../src/review/digest.js';
import { renderHtml } from '../src/views/digest/html.js';
import { corpus, ROOT } from './helpers/corpus.js';
import { maintainersAnalysers } from './digest-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED: ${CHROMIUM} not found; the HTML digest was not rendered in a browser`);

interface Rendered {
  status: number | null;
  /** Chromium's own log lines that are about the page (console messages, CSP refusals). */
  pageErrors: string[];
  out: string;
}

function chromium(args: string[], url: string): Rendered {
  const profile = mkdtempSync(join(tmpdir(), 'ls-chromium-'));
  try {
    const r = spawnSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0', ...args, url],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const pageErrors = (r.stderr ?? '').split('\n').filter((l) => /CONSOLE|Content Security Policy|Refused to|Uncaught|net::ERR_/.test(l));
    return { status: r.status, pageErrors, out: r.stdout ?? '' };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The text a reader sees: tags dropped, entities decoded, blanks folded. */
function domText(dom: string): string {
  const body = dom.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<head[\s\S]*?<\/head>/, '');
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function writeDigest(sources: string[], name: string, withMaintainers: boolean): Promise<string> {
  const loaded = await loadSources(sources);
  const review = buildReview(loaded, withMaintainers ? maintainersAnalysers() : {});
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, renderHtml(digestAll(review, loaded.mails)));
  return file;
}

describe.skipIf(!hasChromium)('HTML digest in headless Chromium', () => {
  it('the demo digest renders at phone width to a PNG, with no page errors, and reads right', async () => {
    const file = await writeDigest([join(ROOT, 'patches')], 'digest-demo', true);
    const png = join(ARTIFACTS, 'digest-demo.png');
    rmSync(png, { force: true });
    const shot = chromium([`--screenshot=${png}`, '--window-size=412,2600', '--hide-scrollbars'], pathToFileURL(file).href);
    expect(shot.status).toBe(0);
    expect(shot.pageErrors).toEqual([]);
    expect(statSync(png).size).toBeGreaterThan(20_000);
    expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

    const dump = chromium(['--dump-dom'], pathToFileURL(file).href);
    expect(dump.status).toBe(0);
    expect(dump.pageErrors).toEqual([]);
    const text = domText(dump.out);
    expect(text).toContain('mm: fenced memory nodes for CXL-attached memory RFC v2');
    for (const s of ['MEMORY MANAGEMENT', 'COMPUTE EXPRESS LINK (CXL)', 'DATA ACCESS MONITOR', 'CONTROL GROUP - CPUSET', 'CONTROL GROUP (CGROUP)']) expect(text).toContain(s);
    expect(text).toContain('Acked-by: Jonas Feld <jonas.feld@example.org> # for the cgroup parts → patch 5/5 only ("cgroup" by subject)');
    expect(text).toContain('Changes since v1');
    expect(text).toMatch(/resolved v1 patch 1 include\/linux\/mm_types\.h:59 · Oskar Lindqvist/);
    expect(text).toContain('the v2 changelog names it (Oskar Lindqvist, zone_device_data)');
    expect(text).toMatch(/open v2 patch 2 mm\/memory-tiers\.c:114/);
    expect(text).toContain('damon@lists.linux.dev (list, DATA ACCESS MONITOR)');
    // Nothing in the DOM that could load or run anything.
    expect(dump.out).not.toMatch(/<script|<iframe|<img|<link /i);
  });

  it('the real RFC v4 digest: its discussion, people and who spoke for each section read right at phone width', async () => {
    const file = await writeDigest([corpus('real', 'rfc-v4', 'private-memory-nodes-v4.mbox')], 'digest-rfc-v4', true);
    const png = join(ARTIFACTS, 'digest-rfc-v4.png');
    rmSync(png, { force: true });
    const shot = chromium([`--screenshot=${png}`, '--window-size=412,9000', '--hide-scrollbars'], pathToFileURL(file).href);
    expect(shot.status).toBe(0);
    expect(shot.pageErrors).toEqual([]);
    expect(statSync(png).size).toBeGreaterThan(200_000);

    const dump = chromium(['--dump-dom'], pathToFileURL(file).href);
    expect(dump.status).toBe(0);
    expect(dump.pageErrors).toEqual([]);
    const text = domText(dump.out);
    expect(text).toContain('8 sub-threads 3 waiting for the author 5 waiting for a reviewer 12 people took part');
    expect(text).toContain('David Hildenbrand (Arm) on the cover letter waiting for the author');
    expect(text).toContain("I'm concerned about adding more special-casing (similar to what we already added for ZONE_DEVICE) all over the place.");
    expect(text).toContain('Gregory Price has not answered the message from David Hildenbrand (Arm) (last 2026-04-17)');
    expect(text).toContain('Zenghui Yu 2026-06-12 → Gregory Price: Could you please Cc me in the next version?');
    expect(text).toContain('David Hildenbrand (Arm) · 13 messages in 3 sub-threads · 2026-02-23 – 2026-06-18 david@kernel.org, david@redhat.com (by name) MEMORY HOT(UN)PLUG (M, listed as David Hildenbrand <david@redhat.com>, by name)');
    for (const [who, n] of [['Alistair Popple', 2], ['Balbir Singh', 8], ['Arun George', 4], ['Matthew Brost', 1], ['Frank van der Linden', 1], ['Alejandro Lucero Palau', 1], ['Yiannis Nikolakopoulos', 1]] as const) {
      expect(text).toContain(`${who} · ${n} message${n === 1 ? '' : 's'} in 1 sub-thread`);
    }
    expect(text).toContain('MEMORY HOT(UN)PLUG not reviewed Spoke: David Hildenbrand (Arm) (M, 13 messages, by name) Silent: Oscar Salvador (M)');
    expect(text).toContain('SLAB ALLOCATOR not reviewed Spoke: Vlastimil Babka (SUSE) (M, 4 messages, by name)');
    expect(dump.out).not.toMatch(/<script|<iframe|<img|<link /i);
  });

  it('the b4 cover-trailer sample: the cover-letter trailer shows on every patch', async () => {
    const file = await writeDigest([corpus('b4-samples', 'trailers-thread-with-cover-followup.mbox')], 'digest-b4-cover', false);
    const dump = chromium(['--dump-dom'], pathToFileURL(file).href);
    expect(dump.status).toBe(0);
    const text = domText(dump.out);
    for (const n of [1, 2, 3, 4]) expect(text).toMatch(new RegExp(`${n}/4 [^·]*? Cover Upper: Reviewed-by \\(on the cover letter\\)`));
  });
});

// Each screen rendered with ink-testing-library on the demo series and on a real b4 corpus thread.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYMAP } from '../src/views/tui/keymap.js';
import { memoryEffects } from '../src/views/tui/effects.js';
import { demoWithFinding, FOLLOWUPS, loadModel, renderScreen, type Loaded, type Screen } from './tui-render.js';

let demo: Loaded;
let open: Screen[] = [];
const screen = async (m: Loaded, opts: Parameters<typeof renderScreen>[1] = {}) => {
  const s = await renderScreen(m, opts);
  open.push(s);
  return s;
};

beforeAll(async () => {
  demo = await demoWithFinding();
});
afterEach(() => {
  for (const s of open) s.unmount();
  open = [];
});

const lines = (f: string) => f.split('\n');
const lineWith = (f: string, needle: string) => lines(f).find((l) => l.includes(needle)) ?? '';

describe('overview screen', () => {
  it('shows the series, its versions and one row per patch with badges', async () => {
    const s = await screen(demo);
    const f = s.frame();
    expect(lines(f)[0]).toMatch(/^mm: fenced memory nodes for CXL-attached memory +v2 RFC · 5\/5 patches$/);
    expect(lines(f)[1]).toContain('versions: v1 [v2]');
    expect(lineWith(f, '0/5')).toContain('▸');
    expect(lineWith(f, '1/5')).toMatch(/· 1\/5 Δ mm: add N_FENCED node state and __GFP_FENCED +H1 +R-b:1 A-b:1 +✉1$/);
    expect(lineWith(f, '2/5')).toMatch(/\+ mm\/memory-tiers: keep fenced nodes out of demotion +A-b:1 +✉2$/);
    // The CXL patch is the same diff in both versions.
    expect(lineWith(f, '3/5')).toMatch(/= cxl\/region: tag device private pages/);
    expect(lines(f)).toHaveLength(30);
  });

  it('names who gave each trailer, and the findings, for the focused patch', async () => {
    const s = await screen(demo);
    await s.press('j');
    const f = s.frame();
    expect(f).toContain('Reviewed-by: Oskar Lindqvist <oskar.lindqvist@example.org>');
    expect(f).toContain('Acked-by: Jonas Feld <jonas.feld@example.org> # for the cgroup parts (cover letter)');
    expect(f).toContain('high mm.struct-page.layout: struct page layout changed (include/linux/mm_types.h:59)');
    expect(f).toContain('changed since v1');
  });

  it('unfolds the cover letter, marks patches reviewed and asks before quitting with unsaved marks', async () => {
    const s = await screen(demo);
    await s.press('enter');
    expect(lineWith(s.frame(), '0/5')).toContain('▾');
    expect(s.frame()).toContain('    CXL memory expanders usually come up as CPU-less NUMA nodes, and from');
    await s.press('enter', 'j', 'm');
    expect(lineWith(s.frame(), '1/5')).toMatch(/^✓ 1\/5/);
    expect(s.frame()).toContain('● marks not saved');
    await s.press('q');
    expect(s.frame()).toContain('1 reviewed mark not saved. y: save and quit · n: quit without saving · Esc: stay');
    await s.press('y');
    expect(s.state().exit).toBe(true);
    const saved = [...s.effects.files].find(([k]) => k.endsWith('/reviewed.json'));
    expect(JSON.parse(saved![1]).reviewed).toEqual(['20240311094207.40112-2-mira.castellano@example.com']);
  });

  it('shows stored marks on the next start', async () => {
    const effects = memoryEffects({ reviewed: { '20240311094207.40112-1-mira.castellano@example.com': ['20240311094207.40112-3-mira.castellano@example.com'] } });
    const s = await screen(demo, { effects });
    expect(lineWith(s.frame(), '2/5')).toMatch(/^✓ 2\/5/);
    expect(lineWith(s.frame(), '1/5')).toMatch(/^· 1\/5/);
  });

  it('switches to the other version and filters by findings', async () => {
    const s = await screen(demo);
    await s.press('V');
    expect(lines(s.frame())[0]).toMatch(/v1 RFC · 2\/2 patches$/);
    expect(lines(s.frame())[1]).toContain('versions: [v1] v2');
    await s.press('v', 'f');
    const f = s.frame();
    expect(f).toContain('1/5');
    expect(f).not.toContain('2/5');
    expect(lines(f)[1]).toContain('only with findings');
  });
});

describe('patch screen', () => {
  it('shows message, diffstat, coloured diff lines, the finding at its line and the comment at the quoted line', async () => {
    const s = await screen(demo, { height: 40 });
    await s.press('j', 'enter');
    let f = s.frame();
    expect(lines(f)[0]).toMatch(/^\[1\/5\] mm: add N_FENCED node state and __GFP_FENCED +Δ changed$/);
    expect(f).toContain('+ Reviewed-by: Oskar Lindqvist <oskar.lindqvist@example.org>  (in a reply)');
    expect(f).toContain(' include/linux/mm_types.h  | 7 ++++++-');
    await s.press(']');
    f = lines(s.frame()).join('\n');
    const at = lines(f).findIndex((l) => l.includes('▲ high mm.struct-page.layout: struct page layout changed'));
    expect(at).toBeGreaterThan(0);
    expect(lines(f)[at - 1]).toMatch(/^\s+59 \+\s+unsigned long fence_id;/);
    expect(lines(f)[at + 1]).toContain('A field was added inside struct page. — struct page is sized');
    expect(f).toContain('┃ Oskar Lindqvist commented:');
    expect(f).toContain('@@ -52,7 +52,12 @@ struct page {');
  });

  it('lists replies that quote nothing below the diff', async () => {
    const s = await screen(demo, { height: 40 });
    await s.press('j', 'j', 'j', 'j', 'enter', 'G');
    const f = s.frame();
    expect(f).toContain('Replies (1)');
    expect(f).toContain('Priya Raman · 2024-03-13 02:35');
    expect(f).toContain('Reviewed-by: Priya Raman <priya.raman@example.net>');
  });

  it('writes a reply draft for the focused hunk and says where it is', async () => {
    const s = await screen(demo, { width: 140, height: 40 });
    await s.press('j', 'enter', ']', 'k', 'r');
    expect(s.effects.edited).toHaveLength(1);
    const path = s.effects.edited[0];
    expect(path).toMatch(/^\/state\/lorescope\/series\/20240311094207\.40112-1-m-[0-9a-f]{12}\/drafts\/1-mm-add-n-fenced-node-state-and-gfp-fenc\.eml$/);
    expect(lines(s.frame()).at(-1)).toBe(`draft saved: ${path}`);
    const eml = s.effects.files.get(path)!;
    expect(eml).toMatch(/^From: Rev Iewer <reviewer@example\.net>\nTo: Mira Castellano <mira\.castellano@example\.com>\nCc: /);
    expect(eml).toContain('\nIn-Reply-To: <20240311094207.40112-2-mira.castellano@example.com>\n');
    expect(eml).toContain('\nReferences: <20240311094207.40112-1-mira.castellano@example.com>\n <20240311094207.40112-2-mira.castellano@example.com>\n');
    expect(eml).toContain('\n> +\t\t\t\tunsigned long fence_id;\n\n\n');
  });
});

describe('thread and message screens', () => {
  it('draws the discussion tree with authors and dates, and opens a message with quotes', async () => {
    const s = await screen(demo, { width: 120 });
    await s.press('t');
    let f = s.frame();
    expect(lines(f)[0]).toMatch(/^Thread: mm: fenced memory nodes for CXL-attached memory \(v2, 11 messages\) · 4 sub-threads: 0 wait for the author, 1 for/);
    // A reply shows the gist of its own words, not the subject every reply repeats; the one opening
    // a sub-thread says where it stands.
    expect(f).toContain('2024-03-12 07:40 Oskar Lindqvist        └ [waits: reviewer] Nothing in this series calls node_set_fenced(), from a modu…');
    expect(f).toContain('2024-03-12 14:27 Mira Castellano          └ The caller is the probe of RAM mode CXL regions, which depends on region wo…');
    expect(f).toContain('2024-03-12 07:12 Oskar Lindqvist        └ [settled] Thanks, the ZONE_DEVICE member is back to two words');
    expect(f).not.toContain('Re: [RFC PATCH');
    await s.press('j', 'j', 'j', 'j', 'j', 'j', 'enter');
    f = s.frame();
    expect(lines(f)[0]).toMatch(/^Message: Re: \[RFC PATCH v2 2\/5\]/);
    expect(f).toContain('From: Mira Castellano <mira.castellano@example.com>');
    expect(f).toContain('> Nothing in this series calls node_set_fenced(), from a module or from');
    expect(f).toContain('The caller is the probe of RAM mode CXL regions');
    await s.press('escape');
    expect(lines(s.frame())[0]).toMatch(/^Thread:/);
  });
});

describe('help screen', () => {
  it('is generated from the keymap: every binding is listed', async () => {
    const s = await screen(demo, { height: 45 });
    await s.press('?');
    const f = s.frame();
    for (const b of KEYMAP) expect(f).toContain(b.help);
    expect(lineWith(f, 'move down')).toMatch(/^ {2}j, ↓ +move down$/);
    await s.press('x');
    expect(s.frame()).not.toContain('move down');
  });
});

describe('screens on a real corpus thread (b4 trailers-thread-with-followups)', () => {
  it('overview, patch, thread and message', async () => {
    const m = await loadModel([FOLLOWUPS]);
    const s = await screen(m);
    let f = s.frame();
    expect(lines(f)[0]).toMatch(/^This is a cover for test series 1 +v1 · 4\/4 patches$/);
    expect(lineWith(f, 'Minor typo')).toMatch(/4\/4   Minor typo changes imitation +R-b:1 +✉1$/);
    await s.press('G');
    expect(s.frame()).toContain('Reviewed-by: Follow Upper <follow.upper@example.org>');
    await s.press('enter');
    f = s.frame();
    expect(lines(f)[0]).toMatch(/^\[4\/4\] Minor typo changes imitation/);
    await s.press('/', ...'floatus', 'enter');
    f = s.frame();
    expect(f).toMatch(/^ +22 -Integer bibendum metus eu bibendum porttitor\.$/m);
    expect(f).toMatch(/^ +22 \+Floatus bibendum metus eu bibendum porttitor\.$/m);
    await s.press('t');
    // The follow-up says nothing but its trailer: that is its gist, and it settles the sub-thread.
    expect(s.frame()).toMatch(/Follow Upper +└ \[settled\] Reviewed-by$/m);
    await s.press('j', 'enter');
    f = s.frame();
    expect(f).toContain('> Life imitatus artem.');
    expect(f).toContain('Reviewed-by: Follow Upper <follow.upper@example.org>');
  });
});

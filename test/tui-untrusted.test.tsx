// Mail is untrusted: terminal control sequences in subjects, names and bodies never reach a frame,
// long lines never break the layout, and a 12,000-line diff scrolls by drawing only what is visible.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, renderScreen, type Loaded, type Screen } from './tui-render.js';
import { formatDraft, replyDraft } from '../src/views/tui/draft.js';
import { buildData } from '../src/views/tui/data.js';

const ESC = '\x1b';
// What a hostile sender would try: set the window title, clear the screen, move the cursor, leave
// the alternate screen, a DCS query, a C1 CSI, a bell and a right-to-left override.
const NASTY = `${ESC}]0;PWNED-TITLE\x07 ${ESC}[2J ${ESC}[5;1H ${ESC}[?1049l ${ESC}P1$qm${ESC}\\ \x9b31m \x07 \u202Eevil`;

let dir: string;
let m: Loaded;
let open: Screen[] = [];

function mail(h: Record<string, string>, body: string): string {
  return `From x Mon Mar  3 10:00:00 2025\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}\n`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lorescope-tui-'));
  const longWord = 'x'.repeat(3000);
  const bigDiff = Array.from({ length: 12000 }, (_, i) => `+line ${i + 1} of a very large generated table`).join('\n');
  const patch = mail(
    { From: `"Mal ${ESC}[31mLory" <mal@example.org>`, Subject: `[PATCH 1/2] mm: title ${NASTY}`, Date: 'Mon, 3 Mar 2025 10:00:00 +0000', 'Message-ID': '<evil-1@example.org>', To: 'list@example.org' },
    `Body ${NASTY} ${longWord}\n\nSigned-off-by: Mal Lory <mal@example.org>\n---\n a.c | 1 +\n\ndiff --git a/a.c b/a.c\nindex 1111111..2222222 100644\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+int b; /* ${NASTY} ${longWord} */\n`,
  );
  const big = mail(
    { From: 'Mal Lory <mal@example.org>', Subject: '[PATCH 2/2] generated: a big table', Date: 'Mon, 3 Mar 2025 10:00:01 +0000', 'Message-ID': '<evil-2@example.org>', 'In-Reply-To': '<evil-1@example.org>' },
    `Big.\n\nSigned-off-by: Mal Lory <mal@example.org>\n---\ndiff --git a/t.c b/t.c\nnew file mode 100644\nindex 0000000..3333333\n--- /dev/null\n+++ b/t.c\n@@ -0,0 +1,12000 @@\n${bigDiff}\n`,
  );
  const reply = mail(
    { From: `"Re ${ESC}]0;X\x07Viewer" <rv@example.net>`, Subject: `Re: [PATCH 1/2] mm: title ${NASTY}`, Date: 'Mon, 3 Mar 2025 11:00:00 +0000', 'Message-ID': '<evil-3@example.net>', 'In-Reply-To': '<evil-1@example.org>', References: '<evil-1@example.org>' },
    `> +int b;\n\nReply text ${NASTY}\n`,
  );
  writeFileSync(join(dir, 'evil.mbox'), patch + big + reply);
  m = await loadModel([join(dir, 'evil.mbox')]);
});

afterEach(() => {
  for (const s of open) s.unmount();
  open = [];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ink's own styling is SGR only; with it removed, no escape, bell, C1 control or bidi override may remain.
function assertClean(raw: string): void {
  const rest = raw.replace(/\x1b\[[0-9;]*m/g, '');
  expect(rest).not.toMatch(/[\x1b\x07\x9b\u202e]/);
  expect(rest).not.toContain('PWNED-TITLE');
}

describe('untrusted mail in the terminal UI', () => {
  it('the model really carries the control sequences (so the view is what strips them)', () => {
    const s = m.review.series[0];
    expect(s.patches[0].subject).toContain(`${ESC}]0;PWNED-TITLE`);
    expect(s.patches[0].message).toContain(`${ESC}[2J`);
    expect(s.patches[0].files[0].hunks[0].lines[1].text).toContain(`${ESC}[?1049l`);
  });

  it('no escape sequence reaches any screen', async () => {
    const s = await renderScreen(m, { width: 100, height: 30 });
    open.push(s);
    const frames: string[] = [s.raw()];
    await s.press('j');
    frames.push(s.raw());
    await s.press('enter');
    frames.push(s.raw());
    await s.press('G');
    frames.push(s.raw());
    await s.press('t');
    frames.push(s.raw());
    await s.press('G', 'k', 'enter');
    frames.push(s.raw());
    expect(s.frame()).toContain('Reply text');
    for (const f of frames) assertClean(f);
    // The visible text of the subject survives, only the sequences go.
    expect(frames[0]).toContain('mm: title');
  });

  it('long lines are clipped to the terminal width, never wrapped into the layout', async () => {
    const s = await renderScreen(m, { width: 80, height: 24 });
    open.push(s);
    await s.press('j', 'enter');
    for (let i = 0; i < 3; i++) {
      const lines = s.frame().split('\n');
      expect(lines).toHaveLength(24);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
      await s.press('space');
    }
  });

  it('a 12,000-line diff: only visible rows are drawn, and paging stays fast', async () => {
    const s = await renderScreen(m, { width: 100, height: 30 });
    open.push(s);
    await s.press('j', 'enter');
    expect(s.frame()).toContain('[2/2] generated: a big table');
    const t0 = performance.now();
    await s.press('G');
    const first = performance.now() - t0;
    expect(s.frame()).toContain('12000 +line 12000 of a very large generated table');
    const firstLine = () => Number(/^ *(\d+) \+line/.exec(s.frame().split('\n')[2])![1]);
    const before = firstLine();
    const t1 = performance.now();
    for (let i = 0; i < 10; i++) await s.press('b');
    const paging = (performance.now() - t1) / 10;
    expect(s.frame().split('\n')).toHaveLength(30);
    // Ten pages of 27 body rows up.
    expect(firstLine()).toBe(before - 270);
    // Generous bounds for a loaded 2-core machine; a full redraw of 12,000 rows takes seconds.
    expect(first).toBeLessThan(1500);
    expect(paging).toBeLessThan(400);
  });

  it('a reply draft cannot be given extra headers by a subject with line breaks', () => {
    const data = buildData(m.review, m.messages);
    const d = replyDraft(data, 'evil-1@example.org', ['x']);
    const eml = formatDraft({ ...d, subject: 'Re: a\r\nBcc: victim@example.com\nX: y' }, { name: 'Me', email: 'me@example.net' });
    const headers = eml.slice(0, eml.indexOf('\n\n')).split('\n');
    expect(headers.filter((h) => /^Bcc:/i.test(h))).toEqual([]);
    expect(headers.find((h) => h.startsWith('Subject:'))).toBe('Subject: Re: a Bcc: victim@example.com X: y');
    expect(eml).not.toMatch(/[\x1b\x07\x9b]/);
  });
});

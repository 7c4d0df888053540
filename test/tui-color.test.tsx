// Colour by role, and none at all under NO_COLOR. Colour is forced on before ink (and its chalk) load.
import { afterEach, describe, expect, it } from 'vitest';

process.env.FORCE_COLOR = '1';
const { demoWithFinding, renderScreen } = await import('./tui-render.js');
const { themeFor } = await import('../src/views/tui/theme.js');

const demo = await demoWithFinding();
const open: { unmount(): void }[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.unmount();
});

const COLOUR = /\x1b\[(?:3[0-7]|9[0-7]|38;[0-9;]+)m/;
const line = (raw: string, needle: string) => raw.split('\n').find((l) => l.includes(needle)) ?? '';

describe('colours', () => {
  it('colours added and removed lines, and dims quoted text in a message', async () => {
    const s = await renderScreen(demo, { width: 120, height: 40, theme: themeFor({}) });
    open.push(s);
    await s.press('j', 'enter', ']');
    expect(line(s.raw(), 'unsigned long fence_id;')).toContain('\x1b[32m+');
    const zdd = s.raw().split('\n').filter((l) => l.includes('void *zone_device_data;'));
    expect(zdd).toHaveLength(2);
    expect(zdd[0]).toContain('\x1b[31m-');
    expect(zdd[1]).toContain('\x1b[32m+');
    expect(line(s.raw(), 'mm.struct-page.layout')).toMatch(/\x1b\[31m|\x1b\[1m/);
    await s.press('t', 'j', 'j', 'j', 'enter');
    expect(line(s.raw(), '> +EXPORT_SYMBOL_GPL(node_set_fenced);')).toContain('\x1b[2m');
  });

  it('uses no colour at all with NO_COLOR, only bold, dim and inverse', async () => {
    const s = await renderScreen(demo, { width: 120, height: 40, theme: themeFor({ NO_COLOR: '1' }) });
    open.push(s);
    const frames = [s.raw()];
    for (const k of ['j', 'enter', ']', 't', 'enter']) {
      await s.press(k);
      frames.push(s.raw());
    }
    for (const f of frames) expect(f).not.toMatch(COLOUR);
    // Focus is still visible.
    expect(frames[1]).toContain('\x1b[7m');
  });
});

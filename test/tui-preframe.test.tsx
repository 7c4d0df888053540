// The first frame is drawn as text before ink loads; ink must then draw the very same screen.
import { describe, expect, it } from 'vitest';
import { overviewFrame } from '../src/views/tui/preframe.js';
import { themeFor } from '../src/views/tui/theme.js';
import { demoWithFinding, FOLLOWUPS, loadModel, renderScreen, stateFor, strip } from './tui-render.js';

const norm = (lines: string[]) => lines.map((l) => strip(l).trimEnd());

describe('first frame without ink', () => {
  for (const [name, load, size] of [
    ['demo at 100x30', demoWithFinding, { width: 100, height: 30 }],
    ['demo at 120x40', demoWithFinding, { width: 120, height: 40 }],
    ['b4 corpus thread at 80x20', () => loadModel([FOLLOWUPS]), { width: 80, height: 20 }],
  ] as const) {
    it(`is what ink draws first (${name})`, async () => {
      const m = await load();
      const pre = overviewFrame(stateFor(m, size), themeFor({ NO_COLOR: '1' }), false);
      expect(pre).toHaveLength(size.height);
      const s = await renderScreen(m, size);
      try {
        expect(norm(pre)).toEqual(norm(s.frame().split('\n')));
      } finally {
        s.unmount();
      }
    });
  }

  it('marks the focused row and colours by role, or not at all without colour', async () => {
    const m = await demoWithFinding();
    const st = stateFor(m, { width: 100, height: 30 });
    const coloured = overviewFrame(st, themeFor({}), true).join('\n');
    expect(coloured).toMatch(/\x1b\[7(?:;\d+)*m▸ 0\/5/);
    expect(coloured).toMatch(/\x1b\[1;31m H1/);
    expect(overviewFrame(st, themeFor({ NO_COLOR: '1' }), false).join('\n')).not.toMatch(/\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7])m/);
  });
});

// ink's side of the terminal UI: mounted on a terminal that launch.ts prepared (alternate screen,
// raw mode, first frame already drawn). `npm run build` also bundles this module with ink and React
// into dist/tui-bundle.js (scripts/build-tui.mjs): one file loads in a third of the time.
import { render } from 'ink';
import { App } from './app.js';
import { mark } from './bench-mark.js';
import type { Session } from './launch.js';
import type { State } from './state.js';

/** Benchmark marks: ink's first frame, the analysis drawn, the first key's answer drawn. */
function marker(s: Session, exit: () => void): { onRender: () => void; onState: (st: State) => void } {
  let frames = 0;
  let analysed = false;
  let answered = false;
  const moved = (st: State) => st.overlay !== null || st.screen !== s.initial.screen || st.overview.cursor !== s.initial.overview.cursor;
  return {
    onRender: () => {
      if (frames++ === 0) mark('interactive');
    },
    // After the commit whose frame ink has just written.
    onState: (st) => {
      if (frames === 0) return;
      if (!answered && moved(st)) {
        answered = true;
        mark('key-answered');
      }
      if (!analysed && !st.analysing) {
        analysed = true;
        mark('analysed');
        // The benchmark exits once the analysis is on screen (at once when there is none).
        if (s.firstFrameOnly) exit();
      }
    },
  };
}

export async function mountTui(s: Session): Promise<number> {
  const m = s.marks ? marker(s, () => setImmediate(() => instance.unmount())) : undefined;
  const instance = render(<App initial={s.initial} effects={s.effects} theme={s.theme} pending={s.pending} followResize={!s.firstFrameOnly} onState={m?.onState} />, {
    stdout: s.stdout,
    stdin: s.stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    onRender: m?.onRender,
  });
  s.onRedraw(() => instance.clear());
  try {
    await instance.waitUntilExit();
  } finally {
    s.restore();
  }
  return 0;
}

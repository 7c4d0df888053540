// The terminal UI with ink: mounted on a terminal that launch.ts prepared (alternate screen, raw
// mode, first frame already drawn). Reads only the review model and message texts.
import { render } from 'ink';
import type { ReviewModel } from '../../model/review.js';
import { App } from './app.js';
import { launchTui, mark, type Session, type TuiOptions } from './launch.js';

export type { TuiOptions } from './launch.js';

/** Run the UI on `review` until the user quits; returns the exit code. */
export function runTui(review: ReviewModel, opts: TuiOptions = {}): Promise<number> {
  return launchTui(review, opts);
}

export async function mountTui(s: Session): Promise<number> {
  let frames = 0;
  const instance = render(<App initial={s.initial} effects={s.effects} theme={s.theme} followResize={!s.firstFrameOnly} />, {
    stdout: s.stdout,
    stdin: s.stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    onRender: () => {
      if (s.firstFrameOnly && frames++ === 0) {
        mark('interactive');
        setImmediate(() => instance.unmount());
      }
    },
  });
  s.onRedraw(() => instance.clear());
  try {
    await instance.waitUntilExit();
  } finally {
    s.restore();
  }
  return 0;
}

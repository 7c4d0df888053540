// The terminal UI's entry for callers that hold a review model: launch.ts prepares the terminal and
// draws the first frame, mount.tsx (ink) takes over.
import type { ReviewModel } from '../../model/review.js';
import { launchTui, type TuiOptions } from './launch.js';

export type { TuiOptions } from './launch.js';
export { mountTui } from './mount.js';

/** Run the UI on `review` until the user quits; returns the exit code. */
export function runTui(review: ReviewModel, opts: TuiOptions = {}): Promise<number> {
  return launchTui(review, opts);
}

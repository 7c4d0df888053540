// How many rows each screen has for its scrolling body. The reducer scrolls with these and the
// screens draw with them, so both must come from here.
import type { ScreenName, State } from './state.js';
import { displayWidth, wrap } from './text.js';

export const STATUS_LINES = 1;
export const HEADER_LINES: Record<ScreenName, number> = { overview: 2, patch: 2, thread: 1, message: 1, discussion: 1 };

/** Lines of the overview's pane about the focused patch (trailer names, findings, sections). */
export function detailLines(height: number): number {
  return height >= 24 ? 8 : height >= 14 ? 4 : 0;
}

export function bodyHeight(screen: ScreenName, height: number): number {
  const extra = screen === 'overview' ? detailLines(height) : 0;
  return Math.max(1, height - HEADER_LINES[screen] - STATUS_LINES - extra);
}

/** Minimum terminal size the layout is drawn for; below it the UI asks for a bigger window. */
export const MIN_WIDTH = 40;
export const MIN_HEIGHT = 8;

export const MAX_STATUS_LINES = 3;

/** A status message too long for one line (a draft's path) takes up to two more from the body. */
export function statusLines(s: Pick<State, 'status' | 'width' | 'overlay'>): number {
  if (!s.status || s.overlay || displayWidth(s.status.text) + 20 <= s.width) return 1;
  return Math.max(1, Math.min(MAX_STATUS_LINES, wrap(s.status.text, s.width - 1, MAX_STATUS_LINES + 1).length));
}

/** Rows of the screen's body as drawn now. */
export function viewHeight(s: State, screen: ScreenName = s.screen): number {
  return Math.max(1, bodyHeight(screen, s.height) - (statusLines(s) - 1));
}

// Pure helpers the reducer moves with: the rows of each screen, cursor and scroll keeping, opening
// patches and messages.
import type { ReviewPatch, ReviewSeries } from '../../model/review.js';
import type { Row } from './rows.js';
import type { ScreenName, Scroll, State } from './state.js';
import { viewHeight } from './layout.js';
import { overviewRows } from './overview-rows.js';
import { patchRows } from './patch-rows.js';
import { threadRows } from './thread-rows.js';
import { messageRows } from './message-rows.js';
import { discussionRows } from './discussion-rows.js';

export function currentSeries(s: State): ReviewSeries | undefined {
  return s.data.model.series[s.series];
}

export function currentPatch(s: State): ReviewPatch | undefined {
  return currentSeries(s)?.patches[s.patch.pos];
}

export function rowsOf(s: State, screen: ScreenName = s.screen): Row[] {
  const series = currentSeries(s);
  switch (screen) {
    case 'overview':
      return overviewRows(s.data, s.series, s.overview, s.reviewed, s.width);
    case 'patch': {
      const p = currentPatch(s);
      return p ? patchRows(s.data, p, s.width) : [];
    }
    case 'thread':
      return series ? threadRows(s.data, series, s.width) : [];
    case 'message':
      return s.message.msgid ? messageRows(s.data, s.message.msgid, s.width) : [];
    case 'discussion':
      return series ? discussionRows(s.data, series, s.width) : [];
  }
}

const SCREENS = ['overview', 'patch', 'thread', 'message', 'discussion'] as const;

export function scrollOf(s: State, screen: ScreenName = s.screen): Scroll {
  return s[screen];
}

/** The row under the cursor (for the message view: the first line shown). */
export function focusRow(s: State): Row | undefined {
  return rowsOf(s)[scrollOf(s).cursor];
}

/** Keep the cursor on a row and in view. `jump` centres a far target a third of the way down. */
export function fit(cursor: number, top: number, h: number, n: number, jump = false): Scroll {
  const c = Math.max(0, Math.min(cursor, n - 1));
  const maxTop = Math.max(0, n - h);
  let t = top;
  const off = Math.min(2, Math.floor((h - 1) / 2));
  if (jump && (c < t || c >= t + h)) t = c - Math.floor(h / 3);
  if (c < t + off) t = c - off;
  if (c > t + h - 1 - off) t = c - h + 1 + off;
  return { cursor: Math.max(0, c), top: Math.max(0, Math.min(t, maxTop)) };
}

export function moveTo(s: State, cursor: number, jump = false, screen: ScreenName = s.screen): State {
  const n = rowsOf(s, screen).length;
  const h = viewHeight(s, screen);
  if (screen === 'message') {
    // A message scrolls; it has no cursor of its own.
    const top = Math.max(0, Math.min(cursor, Math.max(0, n - h)));
    return { ...s, message: { ...s.message, cursor: top, top } };
  }
  return { ...s, [screen]: { ...s[screen], ...fit(cursor, s[screen].top, h, n, jump) } };
}

const sameAt = (a: Row['at'], b: Row['at']) => !!a && !!b && a.file === b.file && a.hunk === b.hunk && a.line === b.line;

/**
 * After a resize rows wrap differently: keep each screen's cursor on the same thing (the same diff
 * line, message or patch), or at the same relative place in wrapped text.
 */
export function carryFocus(prev: State, next: State): State {
  let out = next;
  for (const screen of SCREENS) {
    const before = rowsOf(prev, screen);
    const after = rowsOf(out, screen);
    const c = prev[screen].cursor;
    const r = before[c];
    let i = -1;
    if (r?.at) i = after.findIndex((x) => sameAt(x.at, r.at));
    else if (r?.target && r.msgid) i = after.findIndex((x) => x.target === r.target && x.msgid === r.msgid);
    else if (r?.patch !== undefined && screen !== 'patch') i = after.findIndex((x) => x.patch === r.patch);
    if (i < 0 && before.length) i = Math.round((c * after.length) / before.length);
    out = { ...out, [screen]: { ...out[screen], cursor: Math.max(0, i) } };
  }
  return out;
}

/** Re-clamp every screen's scroll after a resize or a change of rows. */
export function refit(s: State): State {
  let out = s;
  for (const screen of SCREENS) out = moveTo(out, out[screen].cursor, false, screen);
  return out;
}

/** Index of the first row at or after `from` (or before, with dir -1) that passes `test`. */
export function findRow(rows: Row[], from: number, dir: 1 | -1, test: (r: Row) => boolean): number {
  for (let i = from; i >= 0 && i < rows.length; i += dir) if (test(rows[i])) return i;
  return -1;
}

/** Patch positions in index order, honouring the findings-only filter. */
export function patchOrder(s: State): number[] {
  const series = currentSeries(s);
  if (!series) return [];
  return series.patches
    .map((p, pos) => ({ p, pos }))
    .filter(({ p }) => !s.overview.onlyFindings || p.findings.length > 0)
    .sort((a, b) => a.p.index - b.p.index || a.pos - b.pos)
    .map(({ pos }) => pos);
}

export function openPatch(s: State, pos: number): State {
  const opened = { ...s, screen: 'patch' as const, patch: { pos, cursor: 0, top: 0 } };
  return syncOverview(opened, pos);
}

/** Put the overview cursor on a patch's row, so Esc lands where the reader is. */
export function syncOverview(s: State, pos: number): State {
  const i = rowsOf(s, 'overview').findIndex((r) => r.patch === pos);
  return i < 0 ? s : moveTo(s, i, true, 'overview');
}

export function push(s: State, screen: ScreenName): State {
  if (s.screen === screen) return s;
  return { ...s, back: [...s.back, s.screen].slice(-20), screen };
}

export function openMessage(s: State, msgid: string, replace = false): State {
  const base = replace ? s : push(s, 'message');
  return { ...base, screen: 'message', message: { msgid, cursor: 0, top: 0 } };
}

export function openThread(s: State, msgid: string | undefined): State {
  const t = push(s, 'thread');
  const rows = rowsOf(t, 'thread');
  const i = msgid ? rows.findIndex((r) => r.msgid === msgid) : 0;
  return moveTo(t, Math.max(0, i), true, 'thread');
}

// The first screen, drawn without ink. ink and React take ~300 ms to load; the overview's rows are
// plain data, so the first frame is written as text as soon as the mail is read, and ink, once
// loaded, draws the same frame over it and takes the keys. Only the overview is ever first.
import type { State } from './state.js';
import type { Row } from './rows.js';
import type { Style, Theme } from './theme.js';
import { rowsOf } from './nav.js';
import { detailRows, overviewHeader } from './overview-rows.js';
import { detailLines, viewHeight } from './layout.js';
import { statusRows } from './status-text.js';
import { displayWidth } from './text.js';

const COLOUR_SGR: Record<string, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 };

function sgr(st: Style, focused: boolean, colour: boolean): string {
  const codes: number[] = [];
  if (st.bold) codes.push(1);
  if (st.dim) codes.push(2);
  if (st.underline) codes.push(4);
  if (st.inverse || focused) codes.push(7);
  if (colour && st.color && COLOUR_SGR[st.color]) codes.push(COLOUR_SGR[st.color]);
  return codes.length ? `\x1b[${codes.join(';')}m` : '';
}

function line(r: Row | undefined, theme: Theme, width: number, focused: boolean, colour: boolean): string {
  if (!r) return '';
  let out = '';
  let used = 0;
  for (const s of r.segs) {
    if (!s.text) continue;
    const on = sgr(theme[s.role], focused, colour);
    out += on ? `${on}${s.text}\x1b[0m` : s.text;
    used += displayWidth(s.text);
  }
  if (focused && used < width) out += `\x1b[7m${' '.repeat(width - used)}\x1b[0m`;
  return out;
}

/** The overview as the terminal shows it: exactly `state.height` lines. */
export function overviewFrame(s: State, theme: Theme, colour: boolean): string[] {
  const w = s.width;
  const out: string[] = overviewHeader(s).map((r) => line(r, theme, w, false, colour));
  const rows = rowsOf(s, 'overview');
  const h = viewHeight(s, 'overview');
  for (let i = s.overview.top; i < s.overview.top + h; i++) out.push(line(rows[i], theme, w, i === s.overview.cursor, colour));
  const dl = detailLines(s.height);
  if (dl) {
    out.push(line({ segs: [{ role: 'dim', text: '─'.repeat(w) }] }, theme, w, false, colour));
    const detail = detailRows(s.data, s.series, rows[s.overview.cursor], w - 1).slice(0, dl - 1);
    for (let i = 0; i < dl - 1; i++) out.push(line(detail[i], theme, w, false, colour));
  }
  for (const r of statusRows(s)) out.push(line(r, theme, w, false, colour));
  return out.slice(0, s.height);
}

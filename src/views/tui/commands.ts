// What each keymap command does on each screen. Pure: State in, State out; I/O is only queued.
import type { Command } from './keymap.js';
import { rowText, type Row } from './rows.js';
import type { State } from './state.js';
import { isDirty } from './state.js';
import { viewHeight } from './layout.js';
import { currentPatch, currentSeries, findRow, focusRow, moveTo, openMessage, openPatch, openThread, patchOrder, push, rowsOf, scrollOf, syncOverview } from './nav.js';
import { jumpTarget, markTarget, replyEffect } from './targets.js';
import { switchSeries, switchVersion } from './versions.js';
import { askApply, openStateChooser } from './track-keys.js';

const info = (s: State, text: string): State => ({ ...s, status: { text, tone: 'info' } });

function step(s: State, delta: number): State {
  return moveTo(s, scrollOf(s).cursor + delta);
}

/** Page keys scroll the view a page and take the cursor along, as in less. */
function page(s: State, dir: 1 | -1): State {
  const h = viewHeight(s);
  if (s.screen === 'message') return step(s, dir * h);
  const n = rowsOf(s).length;
  const sc = scrollOf(s);
  const top = Math.max(0, Math.min(sc.top + dir * h, Math.max(0, n - h)));
  // At either end the cursor goes to the first or last row instead.
  const cursor = Math.max(0, top === sc.top ? (dir > 0 ? n - 1 : 0) : Math.max(top, Math.min(sc.cursor + top - sc.top, top + h - 1, n - 1)));
  return { ...s, [s.screen]: { ...sc, top, cursor } };
}

/** Next/previous patch in index order from the one open (patch view) or focused (elsewhere). */
function nextPatch(s: State, dir: 1 | -1): State {
  const order = patchOrder(s);
  if (s.screen === 'patch') {
    const k = order.indexOf(s.patch.pos);
    const to = k < 0 ? order[dir > 0 ? 0 : order.length - 1] : order[k + dir];
    if (to === undefined) return info(s, dir > 0 ? 'last patch' : 'first patch');
    return openPatch(s, to);
  }
  if (s.screen === 'message') return nextMessage(s, dir, () => true);
  const rows = rowsOf(s);
  const cur = rows[scrollOf(s).cursor];
  const test = s.screen === 'thread'
    ? (r: Row) => r.patch !== undefined && r.patch >= 0 && r.target !== 'comment' && r.patch !== cur?.patch
    : (r: Row) => r.patch !== undefined && r.patch >= 0 && r.patch !== cur?.patch;
  const i = findRow(rows, scrollOf(s).cursor + dir, dir, test);
  return i < 0 ? info(s, dir > 0 ? 'last patch' : 'first patch') : moveTo(s, i);
}

/** In the message view, n/p and ./, walk the thread: the next message in discussion order. */
function nextMessage(s: State, dir: 1 | -1, test: (r: Row) => boolean): State {
  const rows = rowsOf(s, 'thread');
  const at = rows.findIndex((r) => r.msgid === s.message.msgid);
  const i = findRow(rows, at + dir, dir, (r) => r.msgid !== undefined && test(r));
  if (i < 0) return info(s, dir > 0 ? 'last message of the thread' : 'first message of the thread');
  // Keep the thread's cursor on the message shown, so Esc to the thread lands on it.
  return moveTo(openMessage(s, rows[i].msgid!, true), i, true, 'thread');
}

function open(s: State): State {
  const r = focusRow(s);
  if (!r) return s;
  if (s.screen === 'overview') {
    if (r.patch === -1) {
      // Folding takes the cover's text rows away: the cursor goes back to the cover's own row.
      const open = !s.overview.coverOpen;
      const t = { ...s, overview: { ...s.overview, coverOpen: open } };
      return open ? t : moveTo(t, Math.max(0, rowsOf(t, 'overview').findIndex((x) => x.patch === -1)));
    }
    if (r.patch !== undefined) return openPatch(push(s, 'patch'), r.patch);
    if (r.missing !== undefined) return info(s, `patch ${r.missing} did not arrive: nothing to open`);
    return s;
  }
  if (s.screen === 'message') return s;
  if (s.screen === 'discussion') return r.msgid ? openThread(s, r.msgid) : s;
  if (s.screen === 'thread' && r.patch !== undefined && r.patch >= 0 && r.target !== 'comment') return openPatch(push(s, 'patch'), r.patch);
  if (r.msgid) return openMessage(s, r.msgid);
  if (r.missing !== undefined) return info(s, `patch ${r.missing} did not arrive: nothing to open`);
  return s;
}

function back(s: State): State {
  if (s.overlay) return { ...s, overlay: null };
  const prev = s.back[s.back.length - 1];
  if (prev) {
    const out: State = { ...s, screen: prev, back: s.back.slice(0, -1) };
    return prev === 'overview' && s.screen === 'patch' ? syncOverview(out, s.patch.pos) : out;
  }
  if (s.screen === 'overview' && (s.overview.query || s.overview.onlyFindings)) {
    return info(moveTo({ ...s, overview: { ...s.overview, query: '', onlyFindings: false } }, 0), 'filter cleared');
  }
  return s;
}

function toggleFindings(s: State): State {
  const on = !s.overview.onlyFindings;
  const t = { ...s, overview: { ...s.overview, onlyFindings: on, cursor: 0, top: 0 } };
  const n = currentSeries(s)?.patches.filter((p) => p.findings.length).length ?? 0;
  const first = findRow(rowsOf(t, 'overview'), 0, 1, (r) => r.patch !== undefined && r.patch >= 0);
  const moved = moveTo(t, Math.max(0, first), false, 'overview');
  const rules = s.data.model.rules.length;
  const why = rules ? '' : ' (no rules were run)';
  return info(moved, on ? `only patches with findings: ${n}${why}` : 'all patches');
}

function toggleMark(s: State): State {
  const t = markTarget(s);
  if (!t) return info(s, 'nothing to mark here: focus a patch');
  const has = s.reviewed.includes(t.msgid);
  const reviewed = has ? s.reviewed.filter((m) => m !== t.msgid) : [...s.reviewed, t.msgid].sort();
  return info({ ...s, reviewed }, `${t.label} ${has ? 'no longer marked' : 'marked'} reviewed (saved on quit)`);
}

function thread(s: State): State {
  if (s.screen === 'thread') return s;
  const r = focusRow(s);
  const msgid = s.screen === 'patch' ? currentPatch(s)?.msgid : s.screen === 'message' ? s.message.msgid : r?.msgid ?? (r?.patch !== undefined && r.patch >= 0 ? currentSeries(s)?.patches[r.patch]?.msgid : undefined);
  return openThread(s, msgid);
}

function discussion(s: State): State {
  if (s.screen === 'discussion') return s;
  return moveTo({ ...push(s, 'discussion'), discussion: { cursor: 0, top: 0 } }, 1, false, 'discussion');
}

/** In the discussion view, . and , go from one sub-thread to the next. */
function nextSubThread(s: State, dir: 1 | -1): State {
  const i = findRow(rowsOf(s), scrollOf(s).cursor + dir, dir, (r) => r.target === 'comment');
  return i < 0 ? info(s, dir > 0 ? 'last sub-thread' : 'first sub-thread') : moveTo(s, i);
}

function quit(s: State): State {
  if (isDirty(s)) return { ...s, overlay: { kind: 'confirmQuit' } };
  return { ...s, exit: true };
}

export function runCommand(s: State, c: Command): State {
  switch (c) {
    case 'cursor.down': return step(s, 1);
    case 'cursor.up': return step(s, -1);
    case 'page.down': return page(s, 1);
    case 'page.up': return page(s, -1);
    case 'top': return moveTo(s, 0);
    case 'bottom': return moveTo(s, rowsOf(s).length - 1);
    case 'open': return open(s);
    case 'back': return back(s);
    case 'patch.next': return nextPatch(s, 1);
    case 'patch.prev': return nextPatch(s, -1);
    case 'finding.next': return jumpTarget(s, 'finding', 1);
    case 'finding.prev': return jumpTarget(s, 'finding', -1);
    case 'comment.next': return s.screen === 'message' ? nextMessage(s, 1, (r) => r.target === 'comment') : s.screen === 'discussion' ? nextSubThread(s, 1) : jumpTarget(s, 'comment', 1);
    case 'comment.prev': return s.screen === 'message' ? nextMessage(s, -1, (r) => r.target === 'comment') : s.screen === 'discussion' ? nextSubThread(s, -1) : jumpTarget(s, 'comment', -1);
    case 'version.next': return switchVersion(s, 1);
    case 'version.prev': return switchVersion(s, -1);
    case 'series.next': return switchSeries(s, 1);
    case 'series.prev': return switchSeries(s, -1);
    case 'thread': return thread(s);
    case 'discussion': return discussion(s);
    case 'filter.findings': return toggleFindings(s);
    case 'search': return { ...s, overlay: { kind: 'search', text: '' } };
    case 'mark': return toggleMark(s);
    case 'reply': return replyEffect(s);
    case 'state': return openStateChooser(s);
    case 'apply': return askApply(s);
    case 'help': return { ...s, overlay: { kind: 'help', top: 0 } };
    case 'quit': return quit(s);
  }
}

/** Search: the overview filters its patches; other screens jump to the next row containing the text. */
export function runSearch(s: State, text: string): State {
  if (s.screen === 'overview') {
    const t = { ...s, lastSearch: text || s.lastSearch, overview: { ...s.overview, query: text, cursor: 0, top: 0 } };
    const first = findRow(rowsOf(t, 'overview'), 0, 1, (r) => r.patch !== undefined && r.patch >= 0);
    return moveTo(t, Math.max(0, first), false, 'overview');
  }
  const needle = (text || s.lastSearch).toLowerCase();
  if (!needle) return s;
  const rows = rowsOf(s);
  const from = scrollOf(s).cursor + 1;
  const hit = (r: Row) => rowText(r).toLowerCase().includes(needle);
  let i = findRow(rows, from, 1, hit);
  if (i < 0) i = findRow(rows, 0, 1, hit);
  const t = { ...s, lastSearch: needle };
  if (i < 0) return info(t, `not found: ${needle}`);
  return moveTo(t, i, true);
}

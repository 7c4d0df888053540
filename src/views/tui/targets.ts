// What a command acts on from where the cursor is: the next finding or comment, the patch to mark,
// the message and lines a reply quotes.
import type { ReviewPatch } from '../../model/review.js';
import type { Row } from './rows.js';
import type { State } from './state.js';
import { currentPatch, currentSeries, findRow, focusRow, moveTo, openPatch, patchOrder, rowsOf, scrollOf } from './nav.js';
import { bodyQuote, draftName, hunkQuote, replyDraft } from './draft.js';
import { messageMeta } from './message-rows.js';

const info = (s: State, text: string): State => ({ ...s, status: { text, tone: 'info' } });

const hasKind = (p: ReviewPatch | undefined, kind: 'finding' | 'comment') =>
  !!p && (kind === 'finding' ? p.findings.length > 0 : p.replies.length > 0);

export function jumpTarget(s: State, kind: 'finding' | 'comment', dir: 1 | -1): State {
  const series = currentSeries(s);
  const none = info(s, kind === 'finding' ? `no ${dir > 0 ? 'further' : 'earlier'} finding` : `no ${dir > 0 ? 'further' : 'earlier'} comment`);
  if (!series) return none;
  const rows = rowsOf(s);
  const from = scrollOf(s).cursor + dir;
  if (s.screen === 'overview') {
    const i = findRow(rows, from, dir, (r) =>
      r.patch !== undefined && (r.patch >= 0 ? hasKind(series.patches[r.patch], kind) : kind === 'comment' && !!series.cover?.replies.length && r.msgid !== undefined));
    return i < 0 ? none : moveTo(s, i);
  }
  if (s.screen === 'thread') {
    const test = kind === 'comment' ? (r: Row) => r.target === 'comment' : (r: Row) => r.patch !== undefined && r.patch >= 0 && r.target !== 'comment' && hasKind(series.patches[r.patch], 'finding');
    const i = findRow(rows, from, dir, test);
    return i < 0 ? none : moveTo(s, i, true);
  }
  if (s.screen !== 'patch') return info(s, 'open a patch to walk its findings');
  const i = findRow(rows, from, dir, (r) => r.target === kind);
  if (i >= 0) return moveTo(s, i, true);
  // None left in this patch: carry on into the next patch that has one.
  const order = patchOrder(s);
  const k = order.indexOf(s.patch.pos);
  for (let j = k + dir; j >= 0 && j < order.length; j += dir) {
    if (!hasKind(series.patches[order[j]], kind)) continue;
    const opened = openPatch(s, order[j]);
    const prow = rowsOf(opened, 'patch');
    const at = dir > 0 ? findRow(prow, 0, 1, (r) => r.target === kind) : findRow(prow, prow.length - 1, -1, (r) => r.target === kind);
    return moveTo(opened, Math.max(0, at), true, 'patch');
  }
  return none;
}

export function markTarget(s: State): { msgid: string; label: string } | null {
  const series = currentSeries(s);
  if (!series) return null;
  const label = (p: ReviewPatch) => `patch ${p.index}/${series.total}`;
  const r = focusRow(s);
  let p: ReviewPatch | undefined;
  if (s.screen === 'patch') p = currentPatch(s);
  else if (s.screen === 'overview' && r?.patch !== undefined && r.patch >= 0) p = series.patches[r.patch];
  else if (s.screen === 'thread' && r?.patch !== undefined && r.patch >= 0 && r.target !== 'comment') p = series.patches[r.patch];
  else if (s.screen === 'message') p = series.patches.find((x) => x.msgid === s.message.msgid);
  return p ? { msgid: p.msgid, label: label(p) } : null;
}

/** The nearest diff position at or above the cursor, looking back a screenful at most. */
function diffPosition(rows: Row[], cursor: number): Row['at'] | undefined {
  for (let i = cursor; i >= 0 && i > cursor - 60; i--) {
    if (rows[i].at) return rows[i].at;
    if (rows[i].msgid) return undefined;
  }
  return undefined;
}

function replySource(s: State): { msgid: string; quote: string[] } | string {
  const series = currentSeries(s);
  if (!series) return 'nothing to reply to';
  const r = focusRow(s);
  const bodyOf = (msgid: string) => bodyQuote(s.data.messages[msgid]?.body ?? '');
  if (s.screen === 'overview') {
    if (r?.patch === -1 && series.cover) return { msgid: series.cover.msgid, quote: bodyQuote(series.cover.message) };
    if (r?.patch !== undefined && r.patch >= 0) {
      const p = series.patches[r.patch];
      return { msgid: p.msgid, quote: bodyQuote(p.message) };
    }
    return 'focus a patch or the cover letter to reply';
  }
  if (s.screen === 'patch') {
    const p = currentPatch(s);
    if (!p) return 'nothing to reply to';
    if (r?.msgid) return { msgid: r.msgid, quote: bodyOf(r.msgid) };
    const at = diffPosition(rowsOf(s), scrollOf(s).cursor);
    const file = at ? p.files[at.file] : undefined;
    if (at && file) return { msgid: p.msgid, quote: hunkQuote(file, at.hunk, at.line) };
    return { msgid: p.msgid, quote: bodyQuote(p.message) };
  }
  const msgid = s.screen === 'message' ? s.message.msgid : r?.msgid;
  if (!msgid) return 'focus a message to reply';
  return { msgid, quote: bodyOf(msgid) };
}

/** `r`: build the draft and queue writing it and opening the editor. */
export function replyEffect(s: State): State {
  const src = replySource(s);
  const series = currentSeries(s);
  if (typeof src === 'string' || !series) return info(s, typeof src === 'string' ? src : 'nothing to reply to');
  const draft = replyDraft(s.data, src.msgid, src.quote);
  const subject = messageMeta(s.data, src.msgid)?.subject ?? '';
  const effect = { id: s.nextEffect, kind: 'reply' as const, seriesId: series.id, name: draftName(subject), draft };
  return { ...s, effects: [...s.effects, effect], nextEffect: s.nextEffect + 1, status: { text: 'writing the reply draft…', tone: 'info' } };
}

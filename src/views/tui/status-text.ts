// The bottom line as rows: the search prompt, the quit question, the last status message, or key hints.
import type { Command } from './keymap.js';
import { firstKey } from './keymap.js';
import type { ScreenName, State } from './state.js';
import { isDirty } from './state.js';
import { seg, type Row } from './rows.js';
import { cell, clean, clip, displayWidth, wrap } from './text.js';
import { statusLines } from './layout.js';
import { currentSeries } from './nav.js';
import { myState, stateChoices } from './track-keys.js';

const HINTS: Record<ScreenName, [Command, string][]> = {
  overview: [['open', 'open'], ['thread', 'thread'], ['discussion', 'discussion'], ['mark', 'reviewed'], ['filter.findings', 'findings'], ['version.next', 'version'], ['search', 'search'], ['help', 'help'], ['quit', 'quit']],
  patch: [['finding.next', 'finding'], ['comment.next', 'comment'], ['patch.next', 'next'], ['reply', 'reply'], ['mark', 'reviewed'], ['thread', 'thread'], ['back', 'back'], ['help', 'help']],
  thread: [['open', 'open'], ['comment.next', 'comment'], ['reply', 'reply'], ['back', 'back'], ['help', 'help']],
  message: [['patch.next', 'next message'], ['reply', 'reply'], ['back', 'back'], ['help', 'help']],
  discussion: [['open', 'open in thread'], ['comment.next', 'next sub-thread'], ['back', 'back'], ['help', 'help']],
};

export function statusRows(s: State): Row[] {
  const dirty = isDirty(s) ? ' ● marks not saved' : '';
  const n = statusLines(s);
  if (s.status && n > 1) {
    const role = s.status.tone === 'error' ? 'error' : 'ok';
    const parts = wrap(clean(s.status.text), s.width - 1, n);
    const last = parts.length - 1;
    return parts.map((p, i) => (i < last ? { segs: [seg(role, p)] } : { segs: [seg(role, clip(p, s.width - displayWidth(dirty))), seg('changed', dirty)] }));
  }
  return [statusRow(s)];
}

function statusRow(s: State): Row {
  const w = s.width;
  const o = s.overlay;
  if (o?.kind === 'search') {
    const label = s.screen === 'overview' ? 'filter patches: /' : 'find: /';
    return { segs: [seg('key', label), seg('ctx', cell(o.text, w - label.length - 2)), seg('ctx', '█')] };
  }
  if (o?.kind === 'chooseState') {
    const series = currentSeries(s);
    const done = series && s.track?.parts[series.id]?.length ? 'd my part is not done' : 'd my part is done';
    const now = series ? myState(s, series.id) : 'new';
    return { segs: [seg('warn', cell(`my state of v${series?.version ?? '?'} (now ${now}): ${stateChoices()} · ${done} · Esc: cancel`, w))] };
  }
  if (o?.kind === 'confirmApply') {
    const series = currentSeries(s);
    const n = series?.patches.length ?? 0;
    return { segs: [seg('warn', cell(`apply v${series?.version ?? '?'} (${n} patch${n === 1 ? '' : 'es'}) to ${s.track?.tree ?? '?'} on a new branch? y: apply · n/Esc: cancel`, w))] };
  }
  if (o?.kind === 'confirmQuit') {
    const n = new Set([...s.reviewed, ...s.saved]).size - s.reviewed.filter((m) => s.saved.includes(m)).length;
    return { segs: [seg('warn', cell(`${n} reviewed mark${n === 1 ? '' : 's'} not saved. y: save and quit · n: quit without saving · Esc: stay`, w))] };
  }
  const dirty = isDirty(s) ? ' ● marks not saved' : '';
  if (s.status) {
    return { segs: [seg(s.status.tone === 'error' ? 'error' : 'ok', cell(s.status.text, w - displayWidth(dirty))), seg('changed', dirty)] };
  }
  const series = s.track ? currentSeries(s) : undefined;
  const mine = series ? `[${myState(s, series.id)}${s.track!.parts[series.id]?.length ? ', my part done' : ''}] ` : '';
  const keys = mine + HINTS[s.screen].map(([c, label]) => `${firstKey(c)} ${label}`).join(' · ');
  const busy = s.page?.loading ? 'loading… · ' : s.analysing ? 'analysing (rules, MAINTAINERS)… · ' : '';
  const hints = busy + keys;
  return { segs: [seg('dim', cell(hints, w - displayWidth(dirty))), seg('changed', dirty)] };
}

// Moving between versions of a series (v1 → v2, also when the series or a patch was renamed: the
// same patch stays open when it exists there) and between unrelated series in the same mail.
import type { ReviewSeries } from '../../model/review.js';
import type { State } from './state.js';
import { clean } from './text.js';
import { currentSeries, findRow, moveTo, openPatch, rowsOf, scrollOf } from './nav.js';
import { pageTo, seriesLabel } from './window-keys.js';

const info = (s: State, text: string): State => ({ ...s, status: { text, tone: 'info' } });
const titleKey = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Where patch `pos` of `from` is in `to`: by the lineage's patch mapping when one is the other's version before, else by title. */
export function samePatchIn(from: ReviewSeries, to: ReviewSeries, pos: number): number {
  const p = from.patches[pos];
  if (!p) return -1;
  let index: number | null | undefined;
  if (from.lineage?.previous === to.id) index = from.lineage.patches.find((m) => m.newer === p.index)?.older;
  else if (to.lineage?.previous === from.id) index = to.lineage.patches.find((m) => m.older === p.index)?.newer;
  if (index !== undefined) return index === null ? -1 : to.patches.findIndex((q) => q.index === index);
  return to.patches.findIndex((q) => titleKey(q.title) === titleKey(p.title));
}

function showSeries(s: State, series: number, keepPos: number | null): State {
  const base: State = {
    ...s,
    series,
    overview: { ...s.overview, cursor: 0, top: 0 },
    thread: { cursor: 0, top: 0 },
    message: { cursor: 0, top: 0, msgid: '' },
  };
  const pos = keepPos === null ? -1 : samePatchIn(s.data.model.series[s.series], s.data.model.series[series], keepPos);
  if (s.screen === 'patch' && pos >= 0) return openPatch({ ...base, back: ['overview'] }, pos);
  const out: State = { ...base, screen: 'overview', back: [] };
  const rows = rowsOf(out, 'overview');
  const i = pos >= 0 ? rows.findIndex((r) => r.patch === pos) : findRow(rows, 0, 1, (r) => r.patch !== undefined && r.patch >= 0);
  return moveTo(out, Math.max(0, i), true, 'overview');
}

/** The position of the patch being looked at, to find it again in another version. */
function focusedPos(s: State): number | null {
  const series = currentSeries(s);
  if (!series) return null;
  if (s.screen === 'patch') return series.patches[s.patch.pos] ? s.patch.pos : null;
  if (s.screen === 'overview') {
    const r = rowsOf(s)[scrollOf(s).cursor];
    return r?.patch !== undefined && r.patch >= 0 ? r.patch : null;
  }
  return null;
}

export function switchVersion(s: State, dir: 1 | -1): State {
  const work = s.data.works[s.data.workOf[s.series]] ?? [s.series];
  if (work.length < 2) return info(s, 'this series has one version only');
  const k = work.indexOf(s.series);
  const to = work[k + dir];
  if (to === undefined) return info(s, dir > 0 ? 'this is the newest version' : 'this is the oldest version');
  const target = s.data.model.series[to];
  const from = s.data.model.series[s.series];
  const out = showSeries(s, to, focusedPos(s));
  // Versions of one work may carry other titles: say which, so a renamed version is no surprise.
  const renamed = titleKey(target.title) !== titleKey(from.title) ? ` "${clean(target.title)}"` : '';
  return info(out, `v${target.version}${target.rfc ? ' (RFC)' : ''}${renamed}: ${k + dir + 1} of ${work.length} versions`);
}

/** Open a series at its overview (a new window of the archive comes in this way). */
export function openSeries(s: State, series: number): State {
  return showSeries(s, series, null);
}

export function switchSeries(s: State, dir: 1 | -1): State {
  const n = s.data.works.length;
  const w = (s.data.workOf[s.series] ?? -1) + dir;
  // Past the ends of a window of an archive: the next (previous) window.
  if (s.page && (w < 0 || w >= n)) {
    const paged = pageTo(s, dir);
    if (paged) return paged;
  }
  if (n < 2) return info(s, s.page ? (dir > 0 ? 'last series' : 'first series') : 'only one series in this mail');
  if (w < 0 || w >= n) return info(s, dir > 0 ? 'last series' : 'first series');
  const members = s.data.works[w];
  return info(showSeries(s, members[members.length - 1], null), seriesLabel(s, w));
}

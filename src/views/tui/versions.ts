// Moving between versions of a series (v1 → v2: the same patch stays open when it exists there) and
// between unrelated series in the same mail.
import type { State } from './state.js';
import { currentPatch, currentSeries, findRow, moveTo, openPatch, rowsOf, scrollOf } from './nav.js';

const info = (s: State, text: string): State => ({ ...s, status: { text, tone: 'info' } });
const titleKey = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

function showSeries(s: State, series: number, keepTitle: string | null): State {
  const base: State = {
    ...s,
    series,
    overview: { ...s.overview, cursor: 0, top: 0 },
    thread: { cursor: 0, top: 0 },
    message: { cursor: 0, top: 0, msgid: '' },
  };
  const target = s.data.model.series[series];
  const pos = keepTitle === null ? -1 : target.patches.findIndex((p) => titleKey(p.title) === keepTitle);
  if (s.screen === 'patch' && pos >= 0) return openPatch({ ...base, back: ['overview'] }, pos);
  const out: State = { ...base, screen: 'overview', back: [] };
  const rows = rowsOf(out, 'overview');
  const i = pos >= 0 ? rows.findIndex((r) => r.patch === pos) : findRow(rows, 0, 1, (r) => r.patch !== undefined && r.patch >= 0);
  return moveTo(out, Math.max(0, i), true, 'overview');
}

/** The title of the patch being looked at, to find it again in another version. */
function focusedTitle(s: State): string | null {
  const series = currentSeries(s);
  if (!series) return null;
  if (s.screen === 'patch') {
    const p = currentPatch(s);
    return p ? titleKey(p.title) : null;
  }
  if (s.screen === 'overview') {
    const r = rowsOf(s)[scrollOf(s).cursor];
    const p = r?.patch !== undefined && r.patch >= 0 ? series.patches[r.patch] : undefined;
    return p ? titleKey(p.title) : null;
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
  const out = showSeries(s, to, focusedTitle(s));
  return info(out, `v${target.version}${target.rfc ? ' (RFC)' : ''}: ${k + dir + 1} of ${work.length} versions`);
}

export function switchSeries(s: State, dir: 1 | -1): State {
  const n = s.data.works.length;
  if (n < 2) return info(s, 'only one series in this mail');
  const w = s.data.workOf[s.series] + dir;
  if (w < 0 || w >= n) return info(s, dir > 0 ? 'last series' : 'first series');
  const members = s.data.works[w];
  return info(showSeries(s, members[members.length - 1], null), `series ${w + 1} of ${n}`);
}

// Patch view: header, commit message, diffstat, the diff with findings and comments at their lines,
// and the other replies below.
import { Box } from 'ink';
import type { State } from './state.js';
import { seg, type Row } from './rows.js';
import { RowView, RowWindow } from './row-view.js';
import { viewHeight } from './layout.js';
import { currentPatch, currentSeries, rowsOf } from './nav.js';
import { findingCounts, SEVERITIES, SEVERITY_LETTER, trailerBadges } from './badges.js';
import { clean, clip, displayWidth, shortDate } from './text.js';

export function patchHeader(s: State): Row[] {
  const series = currentSeries(s);
  const p = currentPatch(s);
  if (!series || !p) return [{ segs: [seg('error', 'no patch')] }, { segs: [] }];
  const reviewed = s.reviewed.includes(p.msgid);
  const change = s.data.changes[s.series]?.[s.patch.pos];
  const right = `${reviewed ? '✓ reviewed' : ''}${change === 'changed' ? '  Δ changed' : change === 'same' ? '  = unchanged' : change === 'new' ? '  + new' : ''}`;
  const title = clip(`[${p.index}/${series.total}] ${clean(p.title)}`, Math.max(4, s.width - displayWidth(right) - 1));
  const counts = findingCounts(p.findings);
  const badges = [
    ...SEVERITIES.filter((x) => counts[x]).map((x) => seg(x, ` ${SEVERITY_LETTER[x]}${counts[x]}`)),
    ...trailerBadges(p.trailers).map((b) => seg('badge', ` ${b.badge}:${b.trailers.map((t) => clean(t.person?.name || t.value)).join(', ')}`)),
  ];
  const meta = clip(`v${series.version} · ${clean(p.from.name || p.from.email)} · ${shortDate(p.date)} · ${p.diffstat.files} file${p.diffstat.files === 1 ? '' : 's'} +${p.diffstat.additions} -${p.diffstat.deletions}`, s.width);
  return [
    { segs: [seg('title', title), seg('ctx', ' '.repeat(Math.max(1, s.width - displayWidth(title) - displayWidth(right)))), seg(reviewed ? 'ok' : 'changed', right)] },
    { segs: [seg('meta', meta), ...badges] },
  ];
}

export function PatchScreen({ state }: { state: State }) {
  const rows = rowsOf(state, 'patch');
  return (
    <Box flexDirection="column">
      {patchHeader(state).map((r, i) => <RowView key={i} row={r} focused={false} width={state.width} />)}
      <RowWindow rows={rows} top={state.patch.top} height={viewHeight(state, 'patch')} cursor={state.patch.cursor} width={state.width} />
    </Box>
  );
}

// Series overview: title, version and RFC state, one row per patch, and a pane about the focused row.
import { Box } from 'ink';
import type { State } from './state.js';
import { row } from './rows.js';
import { RowView, RowWindow } from './row-view.js';
import { detailLines, viewHeight } from './layout.js';
import { rowsOf } from './nav.js';
import { detailRows, overviewHeader } from './overview-rows.js';

export function OverviewScreen({ state }: { state: State }) {
  const rows = rowsOf(state, 'overview');
  const h = viewHeight(state, 'overview');
  const dl = detailLines(state.height);
  const detail = dl ? detailRows(state.data, state.series, rows[state.overview.cursor], state.width - 1).slice(0, dl - 1) : [];
  return (
    <Box flexDirection="column">
      {overviewHeader(state).map((r, i) => <RowView key={i} row={r} focused={false} width={state.width} />)}
      <RowWindow rows={rows} top={state.overview.top} height={h} cursor={state.overview.cursor} width={state.width} />
      {dl > 0 && (
        <Box flexDirection="column" height={dl}>
          <RowView row={row('dim', '─'.repeat(state.width))} focused={false} width={state.width} />
          {detail.map((r, i) => <RowView key={i} row={r} focused={false} width={state.width} />)}
        </Box>
      )}
    </Box>
  );
}

// Thread view: the discussion tree of the series with authors and dates.
import { Box } from 'ink';
import type { State } from './state.js';
import { row } from './rows.js';
import { RowView, RowWindow } from './row-view.js';
import { viewHeight } from './layout.js';
import { currentSeries, rowsOf } from './nav.js';
import { cell } from './text.js';
import { discussionSummary } from './thread-rows.js';

export function ThreadScreen({ state }: { state: State }) {
  const series = currentSeries(state);
  const rows = rowsOf(state, 'thread');
  const summary = series ? discussionSummary(series) : '';
  const title = series ? cell(`Thread: ${series.title} (v${series.version}, ${rows.filter((r) => r.msgid).length} messages)${summary ? ` · ${summary}` : ''}`, state.width) : 'Thread';
  return (
    <Box flexDirection="column">
      <RowView row={row('title', title)} focused={false} width={state.width} />
      <RowWindow rows={rows} top={state.thread.top} height={viewHeight(state, 'thread')} cursor={state.thread.cursor} width={state.width} />
    </Box>
  );
}

// Discussion view: the series' sub-threads with their state, its people, and who spoke for each
// MAINTAINERS section.
import { Box } from 'ink';
import type { State } from './state.js';
import { row } from './rows.js';
import { RowView, RowWindow } from './row-view.js';
import { viewHeight } from './layout.js';
import { currentSeries, rowsOf } from './nav.js';
import { cell } from './text.js';
import { discussionSummary } from './thread-rows.js';

export function DiscussionScreen({ state }: { state: State }) {
  const series = currentSeries(state);
  const rows = rowsOf(state, 'discussion');
  const summary = series ? discussionSummary(series) : '';
  const title = series ? cell(`Discussion: ${series.title} (v${series.version})${summary ? ` · ${summary}` : ''}`, state.width) : 'Discussion';
  return (
    <Box flexDirection="column">
      <RowView row={row('title', title)} focused={false} width={state.width} />
      <RowWindow rows={rows} top={state.discussion.top} height={viewHeight(state, 'discussion')} cursor={state.discussion.cursor} width={state.width} />
    </Box>
  );
}

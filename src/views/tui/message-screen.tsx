// Message view: one message's text, quoted parts dimmed.
import { Box } from 'ink';
import type { State } from './state.js';
import { RowView, RowWindow } from './row-view.js';
import { viewHeight } from './layout.js';
import { rowsOf } from './nav.js';
import { messageMeta } from './message-rows.js';
import { cell, displayWidth } from './text.js';

export function MessageScreen({ state }: { state: State }) {
  const rows = rowsOf(state, 'message');
  const h = viewHeight(state, 'message');
  const meta = messageMeta(state.data, state.message.msgid);
  const pct = rows.length <= h ? 'all' : `${Math.min(100, Math.round(((state.message.top + h) / rows.length) * 100))}%`;
  const title = cell(`Message: ${meta?.subject ?? state.message.msgid}`, state.width - pct.length - 3);
  return (
    <Box flexDirection="column">
      <RowView row={{ segs: [{ role: 'title', text: title }, { role: 'meta', text: ' '.repeat(Math.max(1, state.width - displayWidth(title) - pct.length)) + pct }] }} focused={false} width={state.width} />
      <RowWindow rows={rows} top={state.message.top} height={h} cursor={null} width={state.width} />
    </Box>
  );
}

// Help: the keymap table and the symbols, drawn in place of the screen body.
import { Box } from 'ink';
import { row } from './rows.js';
import { RowView, RowWindow } from './row-view.js';
import { bodyHeight } from './layout.js';
import { helpRows } from './help-rows.js';

export function HelpScreen({ width, height, top }: { width: number; height: number; top: number }) {
  return (
    <Box flexDirection="column">
      <RowView row={row('title', 'Keys (any other key closes this help)')} focused={false} width={width} />
      <RowView row={row('dim', '')} focused={false} width={width} />
      <RowWindow rows={helpRows(width)} top={top} height={bodyHeight('patch', height)} cursor={null} width={width} />
    </Box>
  );
}

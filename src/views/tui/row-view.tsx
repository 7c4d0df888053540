// Drawing rows: one <Text> per row, cut at the terminal edge by ink as a last resort, and a window
// of rows that draws only what fits.
import { createContext, memo, useContext } from 'react';
import { Box, Text } from 'ink';
import type { Row } from './rows.js';
import type { Theme } from './theme.js';
import { themeFor } from './theme.js';
import { displayWidth } from './text.js';

export const ThemeContext = createContext<Theme>(themeFor({}));

export const RowView = memo(function RowView({ row, focused, width }: { row: Row; focused: boolean; width: number }) {
  const theme = useContext(ThemeContext);
  const used = row.segs.reduce((n, s) => n + displayWidth(s.text), 0);
  // The focus bar spans the whole line; an empty row still takes its line.
  const pad = focused ? ' '.repeat(Math.max(0, width - used)) : used === 0 ? ' ' : '';
  return (
    <Text wrap="truncate-end" inverse={focused}>
      {row.segs.map((s, i) => {
        if (!s.text) return null;
        const st = theme[s.role];
        return <Text key={i} color={st.color} bold={st.bold} dimColor={st.dim} underline={st.underline} inverse={st.inverse}>{s.text}</Text>;
      })}
      {pad}
    </Text>
  );
});

export function RowWindow({ rows, top, height, cursor, width }: { rows: Row[]; top: number; height: number; cursor: number | null; width: number }) {
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {visible.map((r, i) => (
        <RowView key={top + i} row={r} focused={cursor === top + i} width={width} />
      ))}
    </Box>
  );
}

// The bottom line of every screen (rows from status-text.ts).
import type { State } from './state.js';
import { RowView } from './row-view.js';
import { statusRows } from './status-text.js';

export function StatusLine({ state }: { state: State }) {
  return (
    <>
      {statusRows(state).map((r, i) => <RowView key={i} row={r} focused={false} width={state.width} />)}
    </>
  );
}


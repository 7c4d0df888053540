// The help screen, generated from the keymap table (never written by hand, so it cannot drift).
import { KEYMAP, keyLabel, type Binding } from './keymap.js';
import { row, seg, type Row } from './rows.js';
import { clip, padEnd } from './text.js';

const LEGEND: [string, string][] = [
  ['✓ ·', 'reviewed / not yet reviewed (m; saved on quit)'],
  ['Δ = +', 'changed / unchanged / new since the previous version'],
  ['H2 W1 I3', 'findings by severity: high, warn, info'],
  ['R-b A-b T-b', 'Reviewed-by / Acked-by / Tested-by given (names in the pane below)'],
  ['✉3', 'replies'],
];

export function helpRows(width: number): Row[] {
  const rows: Row[] = [];
  const keysW = 22;
  const groups = [...new Set(KEYMAP.map((b) => b.group))];
  for (const g of groups) {
    rows.push(row('title', g));
    for (const b of KEYMAP.filter((x: Binding) => x.group === g)) {
      rows.push({ segs: [seg('key', padEnd('  ' + b.keys.map(keyLabel).join(', '), keysW)), seg('ctx', clip(b.help, Math.max(1, width - keysW)))] });
    }
    rows.push(row('ctx', ''));
  }
  rows.push(row('title', 'Symbols'));
  for (const [sym, text] of LEGEND) rows.push({ segs: [seg('badge', padEnd('  ' + sym, keysW)), seg('ctx', clip(text, Math.max(1, width - keysW)))] });
  return rows;
}

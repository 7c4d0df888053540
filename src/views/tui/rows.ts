// A screen body is a list of rows computed once per (content, width) and drawn as a window:
// `rows.slice(top, top + height)`. Row text is already cleaned and fitted to the width.
import type { Role } from './theme.js';

/** One coloured piece of a row. */
export interface Seg {
  role: Role;
  text: string;
}

export interface Row {
  segs: Seg[];
  /** A stop for `]`/`[` (finding) or `.`/`,` (comment). */
  target?: 'finding' | 'comment';
  /** The message Enter opens, or `r` answers, from this row. */
  msgid?: string;
  /** Diff position (file, hunk, line index within the hunk) for quoting in a reply. */
  at?: { file: number; hunk: number; line: number };
  /** Overview: the patch position in the series (-1 for the cover letter). */
  patch?: number;
  /** Overview: a patch index that did not arrive. */
  missing?: number;
}

export const seg = (role: Role, text: string): Seg => ({ role, text });
export const row = (role: Role, text: string, extra: Omit<Row, 'segs'> = {}): Row => ({ segs: [{ role, text }], ...extra });

/** Plain text of a row (searching, tests). */
export function rowText(r: Row): string {
  return r.segs.map((s) => s.text).join('');
}

/** Memoise a row builder per (data object, key object, width): rows are rebuilt only on resize. */
export function memoRows<D extends object, K extends object>(build: (d: D, k: K, width: number) => Row[]) {
  const cache = new WeakMap<D, WeakMap<K, Map<number, Row[]>>>();
  return (d: D, k: K, width: number): Row[] => {
    let byKey = cache.get(d);
    if (!byKey) cache.set(d, (byKey = new WeakMap()));
    let byWidth = byKey.get(k);
    if (!byWidth) byKey.set(k, (byWidth = new Map()));
    let rows = byWidth.get(width);
    if (!rows) {
      // Only the last few widths are worth keeping (a resize drag passes through many).
      if (byWidth.size > 3) byWidth.clear();
      rows = build(d, k, width);
      byWidth.set(width, rows);
    }
    return rows;
  };
}

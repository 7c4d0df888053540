// Colours by role. With NO_COLOR set (https://no-color.org) no colour is used at all; emphasis then
// comes from bold, dim and inverse only, and diff lines keep their +/- markers.
export interface Style {
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Role =
  | 'title' | 'meta' | 'dim' | 'add' | 'del' | 'ctx' | 'hunk' | 'file' | 'quote' | 'comment'
  | 'high' | 'warn' | 'info' | 'ok' | 'badge' | 'missing' | 'changed' | 'error' | 'key';

export type Theme = Record<Role, Style>;

const COLOURS: Theme = {
  title: { bold: true },
  meta: { color: 'gray' },
  dim: { dim: true },
  add: { color: 'green' },
  del: { color: 'red' },
  ctx: {},
  hunk: { color: 'cyan' },
  file: { bold: true, color: 'yellow' },
  quote: { dim: true },
  comment: { color: 'magenta' },
  high: { color: 'red', bold: true },
  warn: { color: 'yellow' },
  info: { color: 'blue' },
  ok: { color: 'green' },
  badge: { color: 'cyan' },
  missing: { color: 'red', dim: true },
  changed: { color: 'yellow' },
  error: { color: 'red', bold: true },
  key: { bold: true },
};

/** The theme for an environment: colourless when NO_COLOR is set to anything non-empty. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  if (!env.NO_COLOR) return COLOURS;
  const plain = {} as Theme;
  for (const [role, style] of Object.entries(COLOURS) as [Role, Style][]) {
    const { color: _drop, ...rest } = style;
    plain[role] = rest;
  }
  return plain;
}

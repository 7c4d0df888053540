// Colour for text views: off for pipes and when NO_COLOR is set (https://no-color.org).
import type { Severity } from '../model/review.js';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const COLORS: Palette = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), green: wrap(32, 39) };
const id = (s: string) => s;
export const PLAIN: Palette = { bold: id, dim: id, red: id, yellow: id, cyan: id, green: id };

export function paletteFor(stream: NodeJS.WriteStream, force?: boolean): Palette {
  if (force === false) return PLAIN;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return PLAIN;
  if (force === true) return COLORS;
  return stream.isTTY ? COLORS : PLAIN;
}

export function paint(p: Palette, severity: Severity): string {
  const label = severity.padEnd(4);
  return severity === 'high' ? p.red(label) : severity === 'warn' ? p.yellow(label) : p.dim(label);
}

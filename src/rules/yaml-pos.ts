// From a path inside parsed YAML (as zod and the compiler report it) to a line and column.
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './lazy.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * Position of the value at `path` (or of the key `key` inside it). Walks as far as the document
 * goes: a number applied to a map (a single match object written without a list) is skipped.
 */
export function positionOf(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>, key?: string): Position {
  const { isMap, isScalar, isSeq } = yamlLib();
  const keyOf = (n: unknown): unknown => (isScalar(n) ? n.value : n);
  let node: unknown = doc.contents;
  let start = (node as Node | null)?.range?.[0] ?? 0;
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const isKeyStep = key !== undefined && i === steps.length - 1;
    if (isMap(node)) {
      if (typeof step === 'number') continue;
      const pair = node.items.find((p) => keyOf(p.key) === step);
      if (!pair) break;
      const target = isKeyStep || pair.value === null ? pair.key : pair.value;
      node = target;
      start = (target as Node | null)?.range?.[0] ?? start;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) break;
      node = item;
      start = (item as Node | null)?.range?.[0] ?? start;
    } else break;
  }
  const pos = counter.linePos(start);
  return { line: pos.line, column: pos.col };
}

/** `rules[2].match.added[0]` */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : `${out ? '.' : ''}${String(step)}`;
  return out;
}

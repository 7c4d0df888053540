// `GIT binary patch` blocks: `literal N` / `delta N` followed by base85 lines, forward block first,
// then (since git 1.5) the reverse block. Only the sizes are read; the data is not applied here.
import { inflateSync, constants } from 'node:zlib';

export type BinaryBlockKind = 'literal' | 'delta';

export interface BinaryBlockHeader {
  kind: BinaryBlockKind;
  size: number;
}

export function parseBinaryBlockHeader(line: string): BinaryBlockHeader | null {
  let kind: BinaryBlockKind;
  if (line.startsWith('literal ')) kind = 'literal';
  else if (line.startsWith('delta ')) kind = 'delta';
  else return null;
  const digits = line.slice(kind.length + 1);
  if (digits.length === 0 || digits.length > 15 || !/^\d+$/.test(digits)) return null;
  return { kind, size: Number(digits) };
}

/** A base85 data line: a length letter (A-Z = 1..26 bytes, a-z = 27..52) and 5 chars per 4 bytes. */
export function isBase85Line(line: string): boolean {
  const n = dataLength(line);
  return n > 0 && line.length === 1 + Math.ceil(n / 4) * 5;
}

function dataLength(line: string): number {
  const c = line.charCodeAt(0);
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 97 && c <= 122) return c - 96 + 26;
  return 0;
}

const ALPHABET =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function decodeBase85Line(line: string): number[] | null {
  const n = dataLength(line);
  const out: number[] = [];
  for (let i = 1; i + 5 <= line.length; i += 5) {
    let acc = 0;
    for (let j = 0; j < 5; j++) {
      const c = line.charCodeAt(i + j);
      const d = c < 128 ? DECODE[c] : -1;
      if (d < 0) return null;
      acc = acc * 85 + d;
    }
    if (acc > 0xffffffff) return null;
    out.push((acc >>> 24) & 255, (acc >>> 16) & 255, (acc >>> 8) & 255, acc & 255);
  }
  return out.slice(0, n);
}

/**
 * The source and target sizes a delta block starts with (two little-endian base-128 varints in
 * the deflated delta). Only the first few data lines are inflated, so the work stays small.
 */
export function deltaSizes(dataLines: string[]): { source: number; target: number } | null {
  const bytes: number[] = [];
  for (const line of dataLines.slice(0, 4)) {
    const decoded = decodeBase85Line(line);
    if (!decoded) return null;
    bytes.push(...decoded);
  }
  let head: Buffer;
  try {
    head = inflateSync(Buffer.from(bytes), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return null;
  }
  let pos = 0;
  const varint = (): number | null => {
    let value = 0;
    let scale = 1;
    while (pos < head.length && scale < 2 ** 49) {
      const b = head[pos++];
      value += (b & 127) * scale;
      scale *= 128;
      if ((b & 128) === 0) return value;
    }
    return null;
  };
  const source = varint();
  const target = varint();
  return source === null || target === null ? null : { source, target };
}

// Reads the lines after `GIT binary patch`: a forward block and, usually, a reverse block, each a
// `literal N`/`delta N` line, base85 data lines and an empty line.
import { deltaSizes, isBase85Line, parseBinaryBlockHeader, type BinaryBlockHeader } from './binary.js';
import type { FileDiff } from './types.js';

export type BinaryFeed = 'more' | 'done' | 'broken';

/** Delta sizes need only the first data lines. */
const KEEP_LINES = 4;

export class BinaryReader {
  private file!: FileDiff;
  private blocks = 0;
  private block: BinaryBlockHeader | null = null;
  private data: string[] = [];

  start(file: FileDiff): void {
    this.file = file;
    this.blocks = 0;
    this.block = null;
    this.data = [];
    file.binary = true;
    file.binaryPatch = true;
    file.binarySize = { old: null, new: null };
  }

  /**
   * 'done' consumes the line; 'broken' does not (the caller reads it again as ordinary text, and
   * warns only when no block was read at all).
   */
  feed(line: string): BinaryFeed {
    if (this.block === null) {
      const header = parseBinaryBlockHeader(line);
      if (!header) return 'broken';
      this.block = header;
      this.data = [];
      return 'more';
    }
    if (line.length === 0) {
      this.finishBlock();
      return this.blocks === 2 ? 'done' : 'more';
    }
    if (!isBase85Line(line)) {
      this.finishBlock();
      return 'broken';
    }
    if (this.data.length < KEEP_LINES) this.data.push(line);
    return 'more';
  }

  /** Blocks fully read so far (0 means the `GIT binary patch` line had no data after it). */
  get blocksRead(): number {
    return this.blocks;
  }

  /** Ends a block cut short by the end of the text. */
  end(): void {
    this.finishBlock();
  }

  private finishBlock(): void {
    const block = this.block;
    if (!block) return;
    const size = this.file.binarySize!;
    const forward = this.blocks === 0;
    if (block.kind === 'literal') {
      if (forward) size.new = block.size;
      else size.old = block.size;
    } else {
      const sizes = deltaSizes(this.data);
      if (sizes && forward) {
        size.old = sizes.source;
        size.new = sizes.target;
      } else if (sizes) {
        size.old = sizes.target;
      }
    }
    this.blocks++;
    this.block = null;
  }
}

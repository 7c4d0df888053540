// Where in the C source each changed line of a hunk sits: its code (comments blanked), the named
// struct/union/enum definitions around it, and the function heading in force. The hunk shows only a
// window of the file, so the state starts from git's hunk heading (the last line before the hunk
// that starts a definition, e.g. `struct page {`) and follows kernel style from there: top-level
// definitions start and end at column 0, nested ones are indented.
import type { Hunk } from '../diff/types.js';
import { codeOf, type LexState } from './c-lex.js';

export interface LineInfo {
  /** The line with comments and literal contents blanked. */
  code: string;
  /** True when the code is empty (a blank or comment-only line). */
  blank: boolean;
  /** Named aggregates around the line on its side, outermost first (e.g. ["struct page"]). */
  within: readonly string[];
  /** The function or definition heading in force for the line (git's hunk heading rule). */
  heading: string;
}

interface Frame {
  /** "struct page" for a named aggregate, null for anything else (function body, initialiser, anonymous union). */
  name: string | null;
  /** Opened before the hunk (known only from the heading): closed only by a column-0 brace. */
  outer: boolean;
}

const AGGREGATES = new Set(['struct', 'union', 'enum']);
const NONE: readonly string[] = Object.freeze([]);

function firstNonBlank(s: string): number {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12 && c !== 11 && c !== 13) break;
    i++;
  }
  return i;
}

function lastNonBlank(s: string): number {
  let i = s.length - 1;
  while (i >= 0) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12 && c !== 11 && c !== 13) return c;
    i--;
  }
  return -1;
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122) || c === 36;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122) || c === 36;
}

/** Reads identifiers backwards from before `end` in s: returns [last, beforeLast] ("" when absent). */
function lastTwoWords(s: string, end: number): [string, string, boolean] {
  const words: string[] = [];
  let i = end - 1;
  while (words.length < 2) {
    while (i >= 0 && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i--;
    if (i < 0) break;
    if (!isIdentChar(s.charCodeAt(i))) return [words[0] ?? '', words[1] ?? '', false];
    const stop = i;
    while (i >= 0 && isIdentChar(s.charCodeAt(i))) i--;
    words.push(s.slice(i + 1, stop + 1));
  }
  // The third flag says whether the scan ran off the start of s (the words may continue on the previous line).
  return [words[0] ?? '', words[1] ?? '', i < 0];
}

/** `struct page` from "... struct page" before a brace, or null when the brace opens something else. */
function aggregateName(last: string, before: string): string | null | 'anonymous' {
  if (AGGREGATES.has(last)) return 'anonymous';
  if (last && AGGREGATES.has(before)) return `${before} ${last}`;
  return null;
}

/** A label (`out:`) at column 0 is not a definition, though git's heading rule would take it. */
function isLabel(text: string): boolean {
  let i = 0;
  while (i < text.length && isIdentChar(text.charCodeAt(i))) i++;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) !== 58;
}

class Side {
  private readonly lex: LexState = { inComment: false };
  private inDirective = false;
  private stack: Frame[] = [];
  private prevCode = '';
  private namesCache: readonly string[] | null = NONE;
  heading: string;

  constructor(heading: string) {
    this.heading = heading;
    // The heading itself may open the definition the hunk sits in (`struct page {`).
    const code = codeOf(heading, { inComment: false });
    for (let i = code.indexOf('{'); i >= 0; i = code.indexOf('{', i + 1)) {
      const name = this.nameAt(code, i);
      this.stack.push({ name, outer: true });
    }
    this.namesCache = null;
  }

  private nameAt(code: string, brace: number): string | null {
    let [last, before, ranOff] = lastTwoWords(code, brace);
    if (ranOff && !before) {
      const [pl, pb] = lastTwoWords(this.prevCode, this.prevCode.length);
      if (!last) [last, before] = [pl, pb];
      else before = pl;
    }
    const name = aggregateName(last, before);
    return name === 'anonymous' ? null : name;
  }

  /** Names of the named aggregates on the stack; cached because the stack rarely changes. */
  private names(): readonly string[] {
    if (this.namesCache) return this.namesCache;
    let out: string[] | null = null;
    for (const f of this.stack) if (f.name !== null) (out ??= []).push(f.name);
    return (this.namesCache = out ?? NONE);
  }

  private reset(): void {
    if (this.stack.length) this.stack = [];
    this.namesCache = NONE;
  }

  /** Feeds one line of this side; returns what a changed line needs to know. */
  feed(text: string, wantInfo: boolean): LineInfo | null {
    const headingBefore = this.heading;
    const code = codeOf(text, this.lex);
    const first = text.charCodeAt(0);
    const lead = firstNonBlank(code);
    const blank = lead === code.length;
    if (this.inDirective || code.charCodeAt(lead) === 35) {
      this.inDirective = lastNonBlank(code) === 92;
      return wantInfo ? { code, blank, within: this.names(), heading: headingBefore } : null;
    }
    if (isIdentStart(first) && lead === 0 && !isLabel(text)) {
      // A new top-level definition: whatever the heading suggested is over.
      this.reset();
      this.heading = text.trimEnd();
    } else if (first === 47 && text.charCodeAt(1) === 42) {
      // A column-0 block comment sits between top-level definitions in kernel style.
      this.reset();
    }
    const atStart = wantInfo ? this.names() : NONE;
    let opened: string[] | null = null;
    if (code.indexOf('{') >= 0 || code.indexOf('}') >= 0) {
      for (let i = 0; i < code.length; i++) {
        const c = code.charCodeAt(i);
        if (c === 123) {
          const name = this.nameAt(code, i);
          this.stack.push({ name, outer: false });
          if (name) {
            (opened ??= []).push(name);
            this.namesCache = null;
          }
        } else if (c === 125) {
          const top = this.stack[this.stack.length - 1];
          if (top && !top.outer) {
            this.stack.pop();
            if (top.name) this.namesCache = null;
          }
        }
      }
      if (first === 125) this.reset();
    }
    if (!blank) this.prevCode = code;
    if (!wantInfo) return null;
    return { code, blank, within: opened ? [...atStart, ...opened] : atStart, heading: headingBefore };
  }
}

/** Per line of the hunk: LineInfo for added and removed lines, null for context lines. */
export function annotateHunk(hunk: Hunk): Array<LineInfo | null> {
  const oldSide = new Side(hunk.heading);
  const newSide = new Side(hunk.heading);
  const out: Array<LineInfo | null> = [];
  for (const line of hunk.lines) {
    if (line.kind === 'context') {
      oldSide.feed(line.text, false);
      newSide.feed(line.text, false);
      out.push(null);
    } else out.push((line.kind === 'add' ? newSide : oldSide).feed(line.text, true));
  }
  return out;
}

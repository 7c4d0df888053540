// The one keymap: every key the UI answers to, as data. The reducer looks keys up here, and the help
// screen (`?`) is generated from it, so the two cannot drift apart.
import type { Key } from 'ink';

export type Command =
  | 'cursor.down' | 'cursor.up' | 'page.down' | 'page.up' | 'top' | 'bottom'
  | 'open' | 'back'
  | 'patch.next' | 'patch.prev' | 'finding.next' | 'finding.prev' | 'comment.next' | 'comment.prev'
  | 'version.next' | 'version.prev' | 'series.next' | 'series.prev'
  | 'thread' | 'discussion' | 'filter.findings' | 'search' | 'mark' | 'reply' | 'state' | 'apply' | 'help' | 'quit';

export interface Binding {
  command: Command;
  /** Key names as `keyName()` produces them: a character, or up/down/enter/escape/…, or ctrl+x. */
  keys: string[];
  help: string;
  group: 'Move' | 'Open' | 'Review' | 'Other';
}

export const KEYMAP: readonly Binding[] = [
  { command: 'cursor.down', keys: ['j', 'down'], help: 'move down', group: 'Move' },
  { command: 'cursor.up', keys: ['k', 'up'], help: 'move up', group: 'Move' },
  { command: 'page.down', keys: ['space', 'pagedown', 'ctrl+f'], help: 'page down', group: 'Move' },
  { command: 'page.up', keys: ['b', 'pageup', 'ctrl+b'], help: 'page up', group: 'Move' },
  { command: 'top', keys: ['g', 'home'], help: 'first line', group: 'Move' },
  { command: 'bottom', keys: ['G', 'end'], help: 'last line', group: 'Move' },
  { command: 'patch.next', keys: ['n'], help: 'next patch', group: 'Move' },
  { command: 'patch.prev', keys: ['p'], help: 'previous patch', group: 'Move' },
  { command: 'finding.next', keys: [']'], help: 'next finding', group: 'Move' },
  { command: 'finding.prev', keys: ['['], help: 'previous finding', group: 'Move' },
  { command: 'comment.next', keys: ['.'], help: 'next comment', group: 'Move' },
  { command: 'comment.prev', keys: [','], help: 'previous comment', group: 'Move' },
  { command: 'open', keys: ['enter', 'l', 'right'], help: 'open (patch, message, cover letter)', group: 'Open' },
  { command: 'back', keys: ['escape', 'h', 'left'], help: 'back', group: 'Open' },
  { command: 'thread', keys: ['t'], help: 'thread of the series', group: 'Open' },
  { command: 'discussion', keys: ['d'], help: 'discussion: sub-threads, who waits for whom, people', group: 'Open' },
  { command: 'version.next', keys: ['v'], help: 'next version of the series', group: 'Open' },
  { command: 'version.prev', keys: ['V'], help: 'previous version of the series', group: 'Open' },
  { command: 'series.next', keys: ['}'], help: 'next series (an archive: past the last of this window, the next window)', group: 'Open' },
  { command: 'series.prev', keys: ['{'], help: 'previous series (an archive: before the first, the previous window)', group: 'Open' },
  { command: 'filter.findings', keys: ['f'], help: 'only patches with findings (toggle)', group: 'Review' },
  { command: 'search', keys: ['/'], help: 'search (overview: filter; elsewhere: find next)', group: 'Review' },
  { command: 'mark', keys: ['m'], help: 'mark patch reviewed (toggle)', group: 'Review' },
  { command: 'reply', keys: ['r'], help: 'reply: draft quoting the focused hunk, then $EDITOR', group: 'Review' },
  { command: 'state', keys: ['s'], help: 'my review state of the series (1-6), or d: my part is done', group: 'Review' },
  { command: 'apply', keys: ['a'], help: 'apply the series to the tree (--tree) on a new branch', group: 'Review' },
  { command: 'help', keys: ['?'], help: 'this help', group: 'Other' },
  { command: 'quit', keys: ['q', 'ctrl+c'], help: 'quit (asks when marks are unsaved)', group: 'Other' },
];

const BY_KEY: ReadonlyMap<string, Command> = (() => {
  const m = new Map<string, Command>();
  for (const b of KEYMAP) {
    for (const k of b.keys) {
      if (m.has(k)) throw new Error(`keymap: ${k} bound twice`);
      m.set(k, b.command);
    }
  }
  return m;
})();

export function commandFor(name: string): Command | undefined {
  return BY_KEY.get(name);
}

export function bindingsFor(command: Command): Binding | undefined {
  return KEYMAP.find((b) => b.command === command);
}

/** ink's (input, key) → one key name, the vocabulary of the keymap. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** One character of typed or pasted text → a key name. */
function charKeyName(ch: string): string {
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\x7f' || ch === '\b') return 'backspace';
  if (ch === '\t') return 'tab';
  if (ch === ' ') return 'space';
  if (ch === '\x1b') return 'escape';
  const c = ch.charCodeAt(0);
  if (c >= 1 && c <= 26) return `ctrl+${String.fromCharCode(c + 96)}`;
  return ch;
}

/**
 * ink hands over text typed faster than it reads (or pasted) as one string, e.g. "j\r": split it
 * into keys so that every key does what it says.
 */
export function keysOf(input: string, key: Key): { name: string; text: string }[] {
  const chars = [...input];
  if (chars.length <= 1 || input.includes('\x1b')) return [{ name: keyName(input, key), text: input }];
  return chars.map((ch) => ({ name: charKeyName(ch), text: ch }));
}

const LABELS: Record<string, string> = {
  down: '↓', up: '↑', left: '←', right: '→', enter: 'Enter', escape: 'Esc', space: 'Space',
  pagedown: 'PgDn', pageup: 'PgUp', home: 'Home', end: 'End',
};

export function keyLabel(name: string): string {
  if (LABELS[name]) return LABELS[name];
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}

/** The first key of a command, for hints in the status line. */
export function firstKey(command: Command): string {
  const b = bindingsFor(command);
  return b ? keyLabel(b.keys[0]) : '';
}

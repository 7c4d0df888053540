// Prints the TUI key table for README.md from the one keymap (src/views/tui/keymap.ts).
// test/readme.test.ts fails when README.md and the keymap drift apart.
export function keymapTable(keymap) {
  const rows = keymap.map((b) => `| ${b.keys.map((k) => `\`${k}\``).join(' ')} | ${b.help} |`);
  return ['| keys | action |', '|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { KEYMAP } = await import('../dist/views/tui/keymap.js');
  console.log(keymapTable(KEYMAP));
}

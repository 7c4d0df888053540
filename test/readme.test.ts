// README.md documents what the code does: the key table is the keymap's, commands exist.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYMAP } from '../src/views/tui/keymap.js';
import { ROOT, cli } from './helpers/corpus.js';
// @ts-expect-error plain ESM script without types
import { keymapTable } from '../scripts/keymap-table.mjs';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('has the quick start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
  it('lists every key of the UI keymap (regenerate with node scripts/keymap-table.mjs)', () => {
    expect(readme).toContain(keymapTable(KEYMAP));
  });
  it('documents every CLI command', () => {
    const help = cli(['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) expect(readme).toContain(`lorescope ${c}`);
  });
});

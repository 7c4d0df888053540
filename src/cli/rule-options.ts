// The rule-selection flags shared by the commands that run the rule engine (check, tui).
import type { Command } from 'commander';
import { repeatable } from './repeatable.js';

export function addRuleOptions(cmd: Command): Command {
  return cmd
    .option('--rules <dir>', 'additional rule directory (repeatable)', repeatable, [])
    .option('--disable <id>', 'disable a rule id or dotted prefix (repeatable)', repeatable, [])
    .option('--enable <id>', 're-enable a rule id or prefix under a disabled one (repeatable)', repeatable, []);
}

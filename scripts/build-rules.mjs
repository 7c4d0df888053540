// Build step after tsc (`npm run build`): validate the built-in rule packs (rules/*.yaml) once and
// write them to dist/rules-builtin.json, so the CLI starts without loading yaml and zod
// (src/rules/precompiled.ts). A pack with errors is not precompiled: the CLI then reads the yaml
// as before and reports the errors at run time.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { BUILTIN_RULES_DIR, formatLoadError, PRECOMPILED_RULES, precompileRules } from '../dist/rules/index.js';

const { data, errors } = precompileRules(BUILTIN_RULES_DIR);
if (!data) {
  rmSync(PRECOMPILED_RULES, { force: true });
  for (const e of errors) process.stderr.write(`build-rules: ${formatLoadError(e)}\n`);
  process.stderr.write('build-rules: built-in rules not precompiled (the CLI reads rules/*.yaml at run time)\n');
} else {
  const tmp = `${PRECOMPILED_RULES}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data) + '\n');
  renameSync(tmp, PRECOMPILED_RULES);
}

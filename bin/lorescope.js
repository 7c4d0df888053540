#!/usr/bin/env node
// Thin launcher: the CLI is shipped compiled (tsx start-up costs ~300 ms).
import { main } from '../dist/cli/main.js';

// `lorescope … | head` must end quietly, as git does.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`lorescope: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

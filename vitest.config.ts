import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Whole-archive cases take 20-40 s alone and up to twice that beside another file on 2 cores.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one fork fewer than the CPUs: one on a 2-core machine, every file in turn.
    // Most of the time goes to the built CLI's child processes and to waiting on git, tmux and
    // servers, so two files at once on two cores take the suite from ~10 to ~6 minutes.
    maxWorkers: 2,
    setupFiles: ['test/setup-env.ts'],
  },
});

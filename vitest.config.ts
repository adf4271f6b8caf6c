import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
    // Every core (vitest's default leaves one idle: on a 2-core machine that halves the speed).
    maxWorkers: availableParallelism(),
    // Test files share a worker's module cache: the library (vega, chevrotain, the engine) loads once
    // per worker, not once per file. Tests must restore what they patch (test/helpers/cli.ts does).
    isolate: false,
  },
});

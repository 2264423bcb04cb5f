import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Flow tests mostly wait on HTTP and the database: two files at a time even on two cores
    // (vitest's default is one fewer than the cores).
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'editor/src/**/*.test.ts'],
          // Property tests take a few seconds; on a loaded 2-core machine the 5 s default was too tight.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'cross',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Run by vitest.e2e.config.ts, as an unprivileged user, against the real engine.
    exclude: ['test/e2e/**', 'test/**/*.e2e.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
  },
});

// The end-to-end suite: the real engine, the real registry, real containers. scripts/run-e2e.sh
// runs it as an unprivileged user (creating one when called as root, as CI is), because the engine
// must prove it needs no root. Unit tests (vitest.config.ts) never include these files.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The unprivileged user may not write into the checkout's node_modules.
  cacheDir: join(tmpdir(), `tscompose-e2e-vitest-${process.getuid?.() ?? 'user'}`),
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/runtime/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One engine per user: files share it, so they run one after another.
    fileParallelism: false,
  },
});

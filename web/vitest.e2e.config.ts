import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: Debian's chromium, driven by playwright-core,
// against the real cairn binary (see e2e/harness.ts). One file at a time: each
// starts its own server, and the machine may have two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // ctest runs these beside the C++ tests (tests/web/CMakeLists.txt), on a
    // sanitizer build: a page may take more than vitest's default second to
    // show what a poll waits for. A poll that must be quick says so itself.
    expect: { poll: { timeout: 5_000 } },
  },
});

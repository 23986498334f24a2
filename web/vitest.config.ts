import { defineConfig } from 'vitest/config';

// Unit tests of the app's pure parts (no server, no browser).
export default defineConfig({
  test: { include: ['tests/**/*.test.ts'], environment: 'node' },
});

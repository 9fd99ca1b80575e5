import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'scripts', include: ['scripts/test/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'client', include: ['packages/client/test/**/*.test.ts'] } },
    ],
  },
});

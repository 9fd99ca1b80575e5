import { defineConfig } from 'vitest/config';

/**
 * One project per area, so `vitest run --project <name>` runs just that part. Packages are
 * imported through their built `dist/` (their `exports`), so `pnpm build` comes first.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'scripts', include: ['scripts/test/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'client', include: ['packages/client/test/**/*.test.ts'] } },
      { test: { name: 'sandbox', include: ['packages/sandbox/test/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'exporter', include: ['packages/exporter/test/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'integration', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
    ],
  },
});

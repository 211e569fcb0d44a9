import { defineConfig } from 'vitest/config';

// Tests run against TypeScript sources: the `serin-source` export condition points each workspace
// package at src/, so no build is needed for unit tests (binaries spawned by integration tests use dist/).
export default defineConfig({
  resolve: { conditions: ['serin-source'] },
  ssr: { resolve: { conditions: ['serin-source'], externalConditions: ['serin-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'plugin/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

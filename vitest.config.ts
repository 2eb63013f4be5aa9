import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript source under this condition, so tests run against
// src/ with no build. Vitest 5 (Vite 8) resolves test imports in the `ssr` environment, so
// `ssr.resolve.conditions` is the one that matters (`resolve.conditions` alone does not reach it);
// Vitest also hands it to its workers as `node --conditions`, and appends its own defaults.
const conditions = ['@modelmux/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 20_000,
    // The chaos suite's summary table (test/chaos): printed once, after every file has run.
    globalSetup: ['test/chaos/support/summary-setup.ts'],
  },
});

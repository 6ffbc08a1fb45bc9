import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['test/setup/environment.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: infra tests synthesize (esbuild bundles); integration tests run embedded services.
    maxWorkers: 2,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "shared/**/*.test.ts", "sync-server/**/*.test.ts"],
    // Browser tests run in Chromium through web-test-runner (npm run test:browser).
    exclude: ["tests/browser/**", "node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only add contention for PGlite's single-threaded WASM.
    maxWorkers: 2,
    // Under CI a JSON report too, from which .ci/run prints its closing "N passed" line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: "test-artifacts/vitest.json" }]]
      : ["default"],
  },
});

import { defineConfig } from "vitest/config";

// The product lives in Europe/Amsterdam; tests run elsewhere so that code which forgets the
// time zone fails loudly instead of passing by luck (forked workers inherit this).
process.env.TZ = process.env.REEKS_TEST_TZ ?? "Asia/Kolkata";

export default defineConfig({
  test: {
    globalSetup: ["./packages/testing/src/global-setup.ts"],
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "apps/server/src/**/*.test.ts",
            "apps/web/src/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        // Run once on PGlite and, when DATABASE_URL is set, again on PostgreSQL.
        extends: true,
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.int.test.ts", "apps/server/src/**/*.int.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.ts"],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        // Reeks deployed in one network namespace, Chromium in another (as root; see e2e/network).
        extends: true,
        test: {
          name: "network",
          include: ["e2e/network/**/*.network.ts"],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

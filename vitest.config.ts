import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };

/**
 * Tests that touch the database, run a second time on real Postgres and Redis
 * (`npm run test:scale`, which e2e/services.sh provides): accounts, workspaces, graphs, runs
 * and share links, plus the Postgres migrations and the Redis event bus themselves.
 */
const SCALE_TESTS = [
  "lib/db/postgres.test.ts",
  "lib/runs/redis-bus.test.ts",
  "lib/runs/worker.test.ts",
  "lib/runs/share.test.ts",
  "lib/runs/queries.test.ts",
  "lib/runs/run-store.test.ts",
  "lib/graphs/*.test.ts",
  "lib/auth/workspace-access.test.ts",
  "lib/auth/sign-in-backoff.test.ts",
  "app/api/v1/runs/**/*.test.ts",
  "app/api/v1/health/**/*.test.ts",
  "app/api/v1/graphs/**/*.test.ts",
  "app/api/v1/workspaces/**/*.test.ts",
  "app/api/v1/account/**/*.test.ts",
  "app/api/v1/api-keys/**/*.test.ts",
  "app/api/share/**/*.test.ts",
  "app/api/v1/stored-documents-api.test.ts",
];

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "node",
    testTimeout: 20_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts"],
          // Need real servers: they run only in the "scale" project.
          exclude: [...configDefaults.exclude, "lib/db/postgres.test.ts", "lib/runs/redis-bus.test.ts", "lib/runs/worker.test.ts"],
          environment: "node",
          setupFiles: ["vitest.setup.ts"],
          testTimeout: 20_000,
        },
      },
      // Only when asked for (test:scale sets it), so a targeted `vitest run <file>` never starts servers.
      ...(process.env.TIERFLOW_TEST_SERVICES
        ? [
            {
              resolve: { alias },
              test: {
                name: "scale",
                include: SCALE_TESTS,
                environment: "node",
                globalSetup: ["vitest.services.ts"],
                setupFiles: ["vitest.setup.ts", "vitest.setup-scale.ts"],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});

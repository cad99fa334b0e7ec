import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/** End-to-end tests drive a production build in Debian's Chromium (browser downloads are not possible here). */
export default defineConfig({
  testDir: "e2e",
  testIgnore: ["perf/**"],
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `rm -rf e2e/.tmp && next build && next start -H 127.0.0.1 -p ${PORT}`,
    url: `${baseURL}/api/v1/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_URL: "file:./e2e/.tmp/e2e.db",
      TIERFLOW_SIM_SPEED: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_API_KEY: "",
    },
  },
});

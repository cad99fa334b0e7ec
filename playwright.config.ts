import { defineConfig, devices } from "@playwright/test";
import { MCP_E2E_PORT } from "./e2e/fixtures/mcp-server";
import { MODEL_E2E_PORT } from "./e2e/fixtures/model-server";
import { E2E_DIR, OWNER_STATE } from "./e2e/fixtures/paths";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/**
 * End-to-end tests drive a production build in Debian's Chromium (browser downloads are not
 * possible here). The "setup" project signs up the first account — the owner of the default
 * workspace — and every other test runs signed in as that owner unless it says otherwise.
 * `E2E_PORT`, `NEXT_DIST_DIR` and `E2E_RUN_ID` let two suites run side by side.
 */
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
  projects: [
    { name: "setup", testMatch: /owner\.setup\.ts/ },
    { name: "app", dependencies: ["setup"], use: { storageState: OWNER_STATE } },
  ],
  webServer: {
    command: `rm -rf ${E2E_DIR} && next build && next start -H 127.0.0.1 -p ${PORT}`,
    url: `${baseURL}/api/v1/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_URL: `file:./${E2E_DIR}/e2e.db`,
      TIERFLOW_SIM_SPEED: "0",
      // Tests sign many accounts up from one address; the limit itself is tested in app/api/auth/sign-in-limits.test.ts.
      TIERFLOW_AUTH_RATE_LIMIT: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_API_KEY: "",
      // The MCP server e2e/mcp-tools.spec.ts starts and the Ollama stand-in of e2e/provider-settings.spec.ts, nothing else on loopback.
      TIERFLOW_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${MCP_E2E_PORT},127.0.0.1:${MODEL_E2E_PORT}`,
    },
  },
});

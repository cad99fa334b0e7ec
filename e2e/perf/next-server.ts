/**
 * A production Tierflow for the browser benchmarks: builds into NEXT_DIST_DIR (default
 * `.next-canvas-bench`) unless a build is there (`--build` forces one), starts `next start` on
 * CANVAS_BENCH_PORT (default 3210) with a fresh database and the instant simulator, or uses an
 * already running server at CANVAS_BENCH_URL. Stop it with `stopServer`. Installs Debian's
 * Chromium first if it is missing (e2e/ensure-chromium.sh).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { request, type APIRequestContext } from "@playwright/test";

/** `--build` rebuilds once per bench process, however many servers it starts. */
let rebuilt = false;

/**
 * The browser benchmarks launch Debian's Chromium (Playwright's download cannot work offline):
 * install it first if it is missing. Here because every browser benchmark starts a server first.
 */
function ensureChromium(): void {
  const result = spawnSync("bash", [fileURLToPath(new URL("../ensure-chromium.sh", import.meta.url))], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("e2e/ensure-chromium.sh failed: Chromium is not available");
}

export async function startServer(): Promise<{ base: string; child?: ChildProcess }> {
  ensureChromium();
  if (process.env.CANVAS_BENCH_URL) return { base: process.env.CANVAS_BENCH_URL.replace(/\/$/, "") };
  const distDir = process.env.NEXT_DIST_DIR || ".next-canvas-bench";
  const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
  if ((process.argv.includes("--build") && !rebuilt) || !existsSync(path.join(distDir, "BUILD_ID"))) {
    rebuilt = true;
    console.log(`Building into ${distDir}…`);
    const build = spawnSync("npx", ["next", "build"], { env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = Number(process.env.CANVAS_BENCH_PORT ?? 3210);
  const database = path.join(mkdtempSync(path.join(tmpdir(), "tierflow-canvas-bench-")), "bench.db");
  const child = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...env, DATABASE_URL: `file:${database}`, TIERFLOW_SIM_SPEED: "0", OPENAI_API_KEY: "" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const healthy = await fetch(`${base}/api/v1/health`).then((response) => response.ok, () => false);
    if (healthy) return { base, child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The server did not come up within 60 s");
}

/** Signs a bench account up (the first on the fresh database: it owns the default workspace). */
export async function signIn(base: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  const response = await api.post("/api/auth/sign-up/email", { data: { name: "Bench", email: `bench-${Date.now()}@example.test`, password: "canvas-bench-password" } });
  if (!response.ok()) throw new Error(`Signing the bench account up failed: ${response.status()} ${await response.text()}`);
  return api;
}

export function stopServer(server: { child?: ChildProcess }): void {
  if (server.child?.pid) process.kill(-server.child.pid, "SIGTERM");
}

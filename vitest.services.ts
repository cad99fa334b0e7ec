import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    redisUrl: string;
  }
}

/** Starts a scratch Postgres and Redis for the "scale" project (e2e/services.sh) and stops them after. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tierflow-services-"));
  const out = execFileSync("bash", ["e2e/services.sh", "start", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const value = (name: string) => new RegExp(`^${name}=(\\S+)$`, "m").exec(out)?.[1] ?? "";
  project.provide("postgresUrl", value("DATABASE_URL"));
  project.provide("redisUrl", value("REDIS_URL"));
  return () => {
    execFileSync("bash", ["e2e/services.sh", "stop", dir], { stdio: "inherit" });
  };
}

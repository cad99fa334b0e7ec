import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlCommand } from "./curl";

/** What a real shell hands curl: each argument on its own line (NUL-separated), with `curl` replaced by a printer. */
function argumentsOf(command: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}`;
  return execFileSync("bash", ["-c", script], { env: { ...process.env, ...env }, encoding: "utf8" }).split("\0").slice(0, -1);
}

describe("curlCommand", () => {
  it("sends the body byte for byte through a shell, quotes, newlines and dollars included", () => {
    const body = { input: `It's "quoted", costs $5 and\nspans lines; \`rm -rf\` $(whoami) \\ too`, budgetUsd: 0.5 };
    const command = curlCommand({ method: "POST", origin: "http://127.0.0.1:3000", path: "/api/v1/graphs/g1/runs", auth: { env: "TIERFLOW_API_KEY" }, body });
    const args = argumentsOf(command, { TIERFLOW_API_KEY: "tf_key_secret" });
    expect(args).toEqual([
      "-X",
      "POST",
      "http://127.0.0.1:3000/api/v1/graphs/g1/runs",
      "-H",
      "Authorization: Bearer tf_key_secret",
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify(body),
    ]);
  });

  it("puts a literal key in as it is, and leaves the method out for a GET", () => {
    const args = argumentsOf(curlCommand({ method: "GET", origin: "https://tierflow.example", path: "/api/v1/graphs", auth: { key: "tf_key_abc-DEF_123" } }));
    expect(args).toEqual(["https://tierflow.example/api/v1/graphs", "-H", "Authorization: Bearer tf_key_abc-DEF_123"]);
  });
});

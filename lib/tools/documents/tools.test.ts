import { describe, expect, it } from "vitest";
import { runTool } from "../registry";
import { globToRegExp } from "./glob";
import type { DocumentReader } from "./reader";
import { READ_FILE_MAX_CHARS } from "./tools";

const long = Array.from({ length: 2_000 }, (_, i) => `line ${i + 1} ${"x".repeat(40)}`).join("\n");
const reader: DocumentReader = {
  list: async () => [
    { path: "README.md", sizeBytes: 12, kind: "markdown", lineCount: 2 },
    { path: "src/a.ts", sizeBytes: 30, kind: "code", lineCount: 3 },
    { path: "src/deep/b.ts", sizeBytes: long.length, kind: "code", lineCount: 2_000 },
  ],
  read: async (path) => (path === "src/deep/b.ts" ? { path, text: long, lineCount: 2_000 } : null),
  search: async () => [],
};
const ctx = { signal: new AbortController().signal, documents: reader };
const output = async (name: string, args: object) => {
  const result = await runTool(name, JSON.stringify(args), ctx);
  if (!result.ok) throw new Error(result.error);
  return result.output;
};

describe("document tools", () => {
  it("list_files filters by glob: a bare pattern matches names in any folder, ** crosses folders", async () => {
    expect(await output("list_files", { glob: "*.ts" })).toBe("src/a.ts (30 bytes, code, 3 lines)\nsrc/deep/b.ts (" + long.length + " bytes, code, 2000 lines)");
    expect(globToRegExp("src/*.ts").test("src/deep/b.ts")).toBe(false);
    expect(globToRegExp("src/**/*.{ts,md}").test("src/deep/b.ts")).toBe(true);
    expect(await output("list_files", { glob: "*.py" })).toBe('No attached file matches "*.py" (3 files attached).');
  });

  it("read_file caps its answer and tells the model where to continue", async () => {
    const text = await output("read_file", { path: "./src/deep/b.ts" });
    expect(text.length).toBeLessThan(READ_FILE_MAX_CHARS + 200);
    const [header] = text.split("\n");
    const last = Number(/lines 1-(\d+) of 2000/.exec(header)?.[1]);
    expect(last).toBeGreaterThan(100);
    expect(text).toMatch(new RegExp(`\\[cut at ${READ_FILE_MAX_CHARS} characters after line ${last}: call read_file with startLine ${last + 1} for the rest\\]$`));
    expect(await output("read_file", { path: "src/deep/b.ts", startLine: 1999 })).toBe(`src/deep/b.ts (lines 1999-2000 of 2000)\nline 1999 ${"x".repeat(40)}\nline 2000 ${"x".repeat(40)}`);
  });

  it("answers a run without attached documents with an error the model can read", async () => {
    const result = await runTool("search_files", JSON.stringify({ query: "x" }), { signal: new AbortController().signal });
    expect(result).toEqual({ ok: false, error: "No documents are attached to this run: attach a collection when starting it." });
  });
});

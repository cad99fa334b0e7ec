import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "@/lib/stores/run";
import { filesRead } from "./files-read";

const tool = (name: string, args: string, ok: boolean | null = true): TranscriptEntry => ({
  kind: "tool",
  callId: `c-${args}`,
  tool: name,
  arguments: args,
  result: ok === null ? null : { ok, output: "file text the list must never show", durationMs: 1 },
});

describe("filesRead", () => {
  it("lists the paths of read_file calls with their line ranges, and nothing of what the tool returned", () => {
    const entries: TranscriptEntry[] = [
      { kind: "text", text: "Reading." },
      tool("list_files", "{}"),
      tool("read_file", '{"path":"src/cart.ts"}'),
      tool("read_file", '{"path":"src/pricing.py","startLine":10,"endLine":40}', false),
      tool("read_file", '{"path":"docs/guide.md","startLine":5}', null),
      tool("read_file", "not json"),
    ];
    const files = filesRead(entries);
    expect(files).toEqual([
      { path: "src/cart.ts", ok: true },
      { path: "src/pricing.py", lines: "10–40", ok: false },
      { path: "docs/guide.md", lines: "5–end", ok: null },
    ]);
    expect(JSON.stringify(files)).not.toContain("file text");
  });
});

import { describe, expect, it } from "vitest";
import { resultFileName, resultJson, resultMarkdown, type RunResultExport } from "./result-export";

const result: RunResultExport = {
  runId: "cm123",
  graphName: "Release notes / v2 — draft",
  status: "succeeded",
  approved: true,
  input: "Summarise the changes.\n\nKeep it short.",
  output: "## Changes\n\n- Faster runs\n- `curl` examples\n\n",
  costUsd: 0.0123,
  costComplete: true,
};

describe("a run's result for download", () => {
  it("is a Markdown document with the title, status, quoted task and the output unchanged", () => {
    expect(resultMarkdown(result)).toBe(
      "# Release notes / v2 — draft\n\nRun `cm123` · Succeeded · approved by the reviewer\n\n## Task\n\n> Summarise the changes.\n>\n> Keep it short.\n\n## Result\n\n## Changes\n\n- Faster runs\n- `curl` examples\n",
    );
    expect(resultMarkdown({ ...result, status: "budget_exceeded", approved: null })).toContain("· Over budget\n");
  });

  it("is JSON that reads back to the same result", () => {
    expect(JSON.parse(resultJson(result))).toEqual(result);
  });

  it("has a file name made from the graph's name and the run id", () => {
    expect(resultFileName(result, "md")).toBe("release-notes-v2-draft-run-cm123.md");
    expect(resultFileName({ graphName: "日本語", runId: "r/1" }, "json")).toBe("run-run-r1.json");
  });
});

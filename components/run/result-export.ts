import type { RunStatus } from "@/lib/engine/events";
import { RUN_STATUS } from "./status-badge";

/** A run's result as "Copy result", "Download Markdown" and "Download JSON" give it away. */
export interface RunResultExport {
  runId: string;
  graphName: string;
  status: RunStatus;
  /** The final reviewer's verdict, when the run ended in a review. */
  approved: boolean | null;
  input: string;
  output: string;
  costUsd: number;
  /** False when some model was unpriced: the cost is then a lower bound. */
  costComplete: boolean;
}

/** A Markdown document: the graph as title, the run's status, the task quoted, then the output as the model wrote it. */
export function resultMarkdown(result: RunResultExport): string {
  const verdict = result.approved === null ? "" : result.approved ? " · approved by the reviewer" : " · not approved by the reviewer";
  const task = result.input
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  return `# ${result.graphName}\n\nRun \`${result.runId}\` · ${RUN_STATUS[result.status].label}${verdict}\n\n## Task\n\n${task}\n\n## Result\n\n${result.output.trimEnd()}\n`;
}

export function resultJson(result: RunResultExport): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** `release-notes-run-abc123.md`: the graph's name made file-safe, then the run id. */
export function resultFileName(result: Pick<RunResultExport, "graphName" | "runId">, extension: "md" | "json"): string {
  const slug = result.graphName
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "run"}-run-${result.runId.replace(/[^\w-]/g, "")}.${extension}`;
}

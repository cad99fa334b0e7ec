"use client";

import { useShallow } from "zustand/react/shallow";
import type { RunStatus } from "@/lib/engine/events";
import { nanoToUsd } from "@/lib/models/cost";
import { useRunStore } from "@/lib/stores/run";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { downloadFile } from "@/components/ui/download";
import { runCost } from "./cost-panel";
import { resultFileName, resultJson, resultMarkdown, type RunResultExport } from "./result-export";

/** Identifies the run whose result is exported. */
export interface ResultRun {
  id: string;
  graphName: string;
  status: RunStatus;
}

/** "Copy result", "Download Markdown" and "Download JSON" for a run's output, once there is one. */
export function ResultActions({ run, input, output, approved }: { run: ResultRun; input: string; output: string; approved: boolean | null }) {
  const cost = useRunStore(useShallow(runCost));
  const result = (): RunResultExport => ({
    runId: run.id,
    graphName: run.graphName,
    status: run.status,
    approved,
    input,
    output,
    costUsd: nanoToUsd(cost.cost),
    costComplete: cost.complete,
  });
  return (
    <div role="group" aria-label="Take the result away" className="mt-3 flex flex-wrap items-center gap-1.5 border-t border-slate-100 pt-3">
      <CopyButton size="sm" label="Copy result" text={() => output} />
      <Button size="sm" variant="ghost" onClick={() => downloadFile(resultFileName(result(), "md"), resultMarkdown(result()), "text/markdown;charset=utf-8")}>
        Download Markdown
      </Button>
      <Button size="sm" variant="ghost" onClick={() => downloadFile(resultFileName(result(), "json"), resultJson(result()), "application/json")}>
        Download JSON
      </Button>
    </div>
  );
}

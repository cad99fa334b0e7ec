"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { CanvasNodeOf } from "@/lib/stores/editor";
import { NodeCard } from "./node-card";
import { DataHandles } from "./node-handles";

function formatWait(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** An approval step: a person decides, so what matters is how long it may wait and what a timeout does. */
export const ApprovalNode = memo(function ApprovalNode({ id, data, selected }: NodeProps<CanvasNodeOf<"approval">>) {
  const { timeoutSeconds, onTimeout } = data.options;
  return (
    <NodeCard
      id={id}
      data={data}
      selected={selected}
      stats={
        <>
          <span className="font-medium text-slate-700">a person decides · no model</span>
          <span>{timeoutSeconds === undefined ? "waits until decided" : `${onTimeout}s after ${formatWait(timeoutSeconds)}`}</span>
        </>
      }
    >
      <DataHandles label={data.label} />
    </NodeCard>
  );
});

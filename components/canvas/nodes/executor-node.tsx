"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { CanvasNodeOf } from "@/lib/stores/editor";
import { NodeCard } from "./node-card";
import { DataHandles } from "./node-handles";

/** An executor: a pool of subagents, so its concurrency is the figure that matters. */
export const ExecutorNode = memo(function ExecutorNode({ id, data, selected }: NodeProps<CanvasNodeOf<"executor">>) {
  return (
    <NodeCard
      id={id}
      data={data}
      selected={selected}
      stats={
        <>
          <span className="font-medium text-slate-700">×{data.options.concurrency} in parallel</span>
          <span>≤{data.options.maxToolCalls} tool calls</span>
        </>
      }
    >
      <DataHandles label={data.label} />
    </NodeCard>
  );
});

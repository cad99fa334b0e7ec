"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { CanvasNodeOf } from "@/lib/stores/editor";
import { NodeCard } from "./node-card";
import { DataHandles, ReviseHandle } from "./node-handles";

/** A reviewer: the only node with a revise handle. */
export const ReviewerNode = memo(function ReviewerNode({ id, data, selected }: NodeProps<CanvasNodeOf<"reviewer">>) {
  const revisions = data.options.maxRevisions;
  return (
    <NodeCard
      id={id}
      data={data}
      selected={selected}
      stats={<span>up to {revisions} revision{revisions === 1 ? "" : "s"}</span>}
    >
      <DataHandles label={data.label} />
      <ReviseHandle label={data.label} />
    </NodeCard>
  );
});

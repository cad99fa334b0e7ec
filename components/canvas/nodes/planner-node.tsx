"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { CanvasNodeOf } from "@/lib/stores/editor";
import { NodeCard } from "./node-card";
import { DataHandles } from "./node-handles";

/** A planner: how many subtasks its plan may hold. */
export const PlannerNode = memo(function PlannerNode({ id, data, selected }: NodeProps<CanvasNodeOf<"planner">>) {
  return (
    <NodeCard id={id} data={data} selected={selected} stats={<span>up to {data.options.maxSubtasks} subtasks</span>}>
      <DataHandles label={data.label} />
    </NodeCard>
  );
});

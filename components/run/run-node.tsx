"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { ROLE_DEFINITIONS, type Role, type Tier } from "@/lib/graph";
import { useRunStore, type InstanceStatus } from "@/lib/stores/run";
import { RoleIcon } from "@/components/canvas/role-icon";
import { ROLE_STYLE } from "@/components/canvas/role-style";
import { cx } from "@/components/ui/cx";
import { TierBadge } from "@/components/ui/tier-badge";
import { estimatedNote, formatCost, formatTokens } from "./format";
import { NodeStatusBadge } from "./status-badge";

/** What the live canvas knows of a node up front; everything that changes comes from the run store. */
export type RunNodeData = { label: string; role: Role; tier: Tier; reviewer: boolean };
export type RunCanvasNode = Node<RunNodeData, "run">;

export const RUN_HANDLES = { in: "in", out: "out", reviseIn: "revise-in", reviseOut: "revise-out" } as const;

const INSTANCE_DOT: Record<InstanceStatus, string> = {
  running: "bg-sky-500 animate-pulse",
  succeeded: "bg-emerald-500",
  failed: "bg-red-500",
  cancelled: "bg-slate-400",
};

/** A node of the live canvas: its state, a preview of the text it is streaming, pool instances, tokens and cost so far. */
export const RunNode = memo(function RunNode({ id, data, selected }: NodeProps<RunCanvasNode>) {
  const node = useRunStore((s) => s.summary.nodes[id]);
  const preview = useRunStore((s) => s.previews[id]);
  const instances = useRunStore(
    useShallow((s) => (s.nodeInstances[id] ?? []).map((key) => s.instances[key]).filter((i) => i.iteration === node.iteration).map((i) => i.status)),
  );
  const style = ROLE_STYLE[data.role];
  const status = node.status;
  const pool = node.poolSize !== null;
  const streaming = status === "running" && preview;

  return (
    <div
      className={cx(
        "w-[250px] rounded-lg border bg-white text-left shadow-sm transition-[box-shadow,border-color]",
        status === "running" ? "border-sky-400 shadow-sky-100 shadow-md" : status === "failed" ? "border-red-400" : "border-slate-200",
        (status === "waiting" || status === "skipped") && "opacity-70",
        selected && "ring-2 ring-sky-500/60",
      )}
    >
      <div aria-hidden className={cx("h-1 rounded-t-lg", style.stripe)} />
      <div className="flex items-center gap-2 px-3 pt-2">
        <span className={cx("grid size-7 shrink-0 place-items-center rounded-md", style.tint, style.text)}>
          <RoleIcon role={data.role} className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className={cx("text-[10px] leading-3 font-semibold tracking-wider uppercase", style.text)}>{ROLE_DEFINITIONS[data.role].title}</div>
          <div className="truncate text-sm leading-5 font-semibold text-slate-900">{data.label}</div>
        </div>
        <span data-testid="node-status">
          <NodeStatusBadge status={status} />
        </span>
      </div>
      <div className="flex items-center gap-2 px-3 pt-1.5">
        <TierBadge tier={data.tier} />
        <span className="truncate font-mono text-[11px] text-slate-500">{node.model}</span>
        {node.iteration > 0 && <span className="ml-auto rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800">pass {node.iteration + 1}</span>}
      </div>
      {pool && (
        <div className="px-3 pt-2" aria-label={`Instances: ${node.instancesRunning} running, ${node.instancesDone} of ${node.poolSize} done`}>
          <div className="flex items-center justify-between text-[11px] text-slate-600">
            <span>
              <strong className="text-slate-800">{node.instancesRunning}</strong> running · {node.instancesDone}/{node.poolSize} done
            </span>
          </div>
          <div aria-hidden className="mt-1 flex flex-wrap gap-0.5">
            {Array.from({ length: node.poolSize ?? 0 }, (_, i) => (
              <span key={i} className={cx("h-1.5 w-3 rounded-sm", instances[i] ? INSTANCE_DOT[instances[i]] : "bg-slate-200")} />
            ))}
          </div>
        </div>
      )}
      {streaming ? (
        <p className="mx-3 mt-2 line-clamp-3 rounded bg-slate-50 px-2 py-1 font-mono text-[10.5px] leading-4 break-words whitespace-pre-wrap text-slate-600" aria-live="off">
          {preview}
          <span aria-hidden className="ml-0.5 inline-block h-3 w-1 animate-pulse bg-sky-500 align-middle" />
        </p>
      ) : node.error && (status === "failed" || status === "skipped") ? (
        <p className="mx-3 mt-2 line-clamp-2 text-[11px] leading-4 text-red-700">{node.error}</p>
      ) : null}
      <div className="flex items-center gap-3 px-3 pt-2 pb-2.5 text-[11px] text-slate-500 tabular-nums">
        <span title="Input tokens / output tokens so far">
          {formatTokens(node.usage.inputTokens)} in · {formatTokens(node.usage.outputTokens)} out
        </span>
        <span className="ml-auto font-medium text-slate-800" title={node.estimatedCalls > 0 ? `Cost so far, ${estimatedNote(node.estimatedCalls)}` : "Cost so far"}>
          {formatCost(node.costNanoUsd, node.estimatedCalls)}
        </span>
      </div>
      <Handle type="target" position={Position.Left} id={RUN_HANDLES.in} isConnectable={false} className="!size-2 !border-slate-400 !bg-white" />
      <Handle type="source" position={Position.Right} id={RUN_HANDLES.out} isConnectable={false} className="!size-2 !border-slate-400 !bg-white" />
      {/* Revise edges route themselves round the cards (run-revise-edge); these invisible handles only anchor them. */}
      <Handle type="target" position={Position.Top} id={RUN_HANDLES.reviseIn} isConnectable={false} className="!size-1 !border-0 !bg-transparent" />
      {data.reviewer && (
        <Handle type="source" position={Position.Bottom} id={RUN_HANDLES.reviseOut} isConnectable={false} className="!left-[72%] !size-1 !border-0 !bg-transparent" />
      )}
    </div>
  );
});

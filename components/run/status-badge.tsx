import type { NodeStatus, RunStatus } from "@/lib/engine/events";
import { cx } from "@/components/ui/cx";

/** Each run status as a word, a pill colour and a dot. */
export const RUN_STATUS: Record<RunStatus, { label: string; className: string; dot: string }> = {
  queued: { label: "Queued", className: "border-slate-300 bg-slate-50 text-slate-700", dot: "bg-slate-400" },
  running: { label: "Running", className: "border-sky-300 bg-sky-50 text-sky-800", dot: "bg-sky-500 animate-pulse" },
  waiting: { label: "Waiting for approval", className: "border-pink-300 bg-pink-50 text-pink-800", dot: "bg-pink-500" },
  succeeded: { label: "Succeeded", className: "border-emerald-300 bg-emerald-50 text-emerald-800", dot: "bg-emerald-500" },
  failed: { label: "Failed", className: "border-red-300 bg-red-50 text-red-800", dot: "bg-red-500" },
  cancelled: { label: "Cancelled", className: "border-slate-300 bg-slate-100 text-slate-700", dot: "bg-slate-500" },
  budget_exceeded: { label: "Over budget", className: "border-amber-300 bg-amber-50 text-amber-800", dot: "bg-amber-500" },
  interrupted: { label: "Interrupted", className: "border-amber-300 bg-amber-50 text-amber-800", dot: "bg-amber-500" },
};

/** A run's status as a pill: colour plus the word, never colour alone. */
export function RunStatusBadge({ status, className }: { status: RunStatus; className?: string }) {
  const style = RUN_STATUS[status];
  return (
    <span
      className={cx("inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium", style.className, className)}
      aria-label={`Status: ${style.label}`}
    >
      <span aria-hidden className={cx("size-1.5 rounded-full", style.dot)} />
      {style.label}
    </span>
  );
}

/** Node states as the canvas and tables name them. */
export const NODE_STATUS: Record<NodeStatus, { label: string; className: string; bar: string }> = {
  waiting: { label: "Waiting", className: "bg-slate-100 text-slate-600", bar: "bg-slate-300" },
  running: { label: "Running", className: "bg-sky-100 text-sky-800", bar: "bg-sky-500" },
  awaiting_approval: { label: "Waiting for approval", className: "bg-pink-100 text-pink-800", bar: "bg-pink-500" },
  succeeded: { label: "Done", className: "bg-emerald-100 text-emerald-800", bar: "bg-emerald-500" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800", bar: "bg-red-500" },
  skipped: { label: "Skipped", className: "bg-slate-100 text-slate-500", bar: "bg-slate-300" },
  cancelled: { label: "Cancelled", className: "bg-slate-200 text-slate-700", bar: "bg-slate-400" },
};

export function NodeStatusBadge({ status }: { status: NodeStatus }) {
  const style = NODE_STATUS[status];
  return (
    <span className={cx("inline-flex items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium", style.className)}>
      {status === "running" && <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-sky-500" />}
      {style.label}
    </span>
  );
}

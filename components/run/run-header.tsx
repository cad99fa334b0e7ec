"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import type { RunStatus } from "@/lib/engine/events";
import { runWallMs, savingNanoUsd, useRunStore } from "@/lib/stores/run";
import { Button } from "@/components/ui/button";
import { SimulatorBadge } from "@/components/ui/simulator-badge";
import { cx } from "@/components/ui/cx";
import { runCost } from "./cost-panel";
import { estimatedNote, formatClock, formatCost, formatPercent } from "./format";
import { privateRunUrl, runApi } from "./run-api";
import { RunStatusBadge } from "./status-badge";
import { useNow } from "./use-now";
import { useShallow } from "zustand/react/shallow";

const TERMINAL: readonly RunStatus[] = ["succeeded", "failed", "cancelled", "budget_exceeded", "interrupted"];
const running = (status: RunStatus) => status === "running" || status === "queued";

/**
 * The run's status: from its events, or from the server when the stream ended without a final
 * event (an interrupted run). `runUrl` as in `useRunEvents`.
 */
export function useRunStatus(runId: string, initial: RunStatus, runUrl = privateRunUrl(runId)): RunStatus {
  const folded = useRunStore((s) => s.summary.status);
  const connection = useRunStore((s) => s.connection);
  const [fallback, setFallback] = useState<RunStatus | null>(null);
  const ended = TERMINAL.includes(folded);
  useEffect(() => {
    if (ended || connection !== "closed") return;
    let stale = false;
    void runApi.statusAt(runUrl).then((result) => {
      if (!stale && result.ok) setFallback(result.value.status);
    });
    return () => {
      stale = true;
    };
  }, [ended, connection, runUrl]);
  if (ended) return folded;
  if (fallback && TERMINAL.includes(fallback)) return fallback;
  return folded === "queued" ? initial : folded;
}

const CONNECTION_TEXT = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", closed: null, error: "Stream lost" } as const;

/**
 * The run page's header: graph name (back to the editor), status, simulated badge, elapsed
 * time, total cost and saving (none for a run that did not succeed), Cancel while running,
 * and whatever `actions` the page adds.
 * `shared` (a share link's read-only view) leaves out Cancel and the way into the workspace.
 */
export function RunHeader({
  runId,
  graphId,
  graphName,
  simulated,
  status,
  fallbackStartedAt,
  fallbackEndedAt,
  actions,
  shared = false,
  canCancel = true,
}: {
  runId: string;
  graphId: string | null;
  graphName: string;
  simulated: boolean;
  status: RunStatus;
  fallbackStartedAt: number | null;
  /** When the server says the run ended: for a run whose stream ended without a final event. */
  fallbackEndedAt: number | null;
  actions?: ReactNode;
  shared?: boolean;
  /** False for viewers: they watch runs but may not stop them. */
  canCancel?: boolean;
}) {
  const startedAt = useRunStore((s) => s.startedAt) ?? fallbackStartedAt;
  const endedAt = useRunStore((s) => s.endedAt) ?? (running(status) ? null : fallbackEndedAt);
  const connection = useRunStore((s) => s.connection);
  const cost = useRunStore(useShallow(runCost));
  const live = running(status);
  const now = useNow(live, 1000);
  const elapsed = endedAt === null && (!live || now === null) ? null : runWallMs(startedAt, endedAt, now);
  const saving = savingNanoUsd(status, cost.cost, cost.baseline);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);

  const cancel = async () => {
    setCancelling(true);
    setCancelError(null);
    const result = await runApi.cancel(runId);
    setCancelling(false);
    if (!result.ok) setCancelError(result.error.message);
  };
  const connectionText = live ? CONNECTION_TEXT[connection] : null;

  return (
    <section aria-label="Run summary" className="border-b border-slate-200 bg-white px-5 py-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
            {shared ? (
              <span className="font-medium text-slate-600">Shared run · read-only</span>
            ) : graphId ? (
              <Link href={`/graphs/${graphId}`} className="hover:text-slate-800 hover:underline">
                ← Back to the graph editor
              </Link>
            ) : (
              <span>Graph deleted</span>
            )}
          </nav>
          <h1 className="truncate text-lg font-semibold tracking-tight">{graphName}</h1>
        </div>
        <RunStatusBadge status={status} />
        <SimulatorBadge simulated={simulated} />
        {connectionText && (
          <span className={cx("inline-flex items-center gap-1.5 text-xs", connection === "live" ? "text-emerald-700" : "text-amber-700")} role="status">
            <span aria-hidden className={cx("size-1.5 rounded-full", connection === "live" ? "animate-pulse bg-emerald-500" : "bg-amber-500")} />
            {connectionText}
          </span>
        )}
        <dl className="ml-auto flex items-center gap-5 text-sm">
          <div>
            <dt className="text-[11px] text-slate-500">{live ? "Elapsed" : "Wall time"}</dt>
            <dd className="font-semibold tabular-nums" aria-label="Elapsed time">
              {elapsed === null ? "—" : formatClock(elapsed)}
            </dd>
          </div>
          <div>
            <dt className="text-[11px] text-slate-500">{live ? "Cost so far" : "Total cost"}</dt>
            <dd className="font-semibold tabular-nums" aria-label="Total cost" title={estimatedNote(cost.estimatedCalls) || undefined}>
              {formatCost(cost.cost, cost.estimatedCalls)}
              {!cost.complete && "+"}
            </dd>
            {cost.estimatedCalls > 0 && <dd className="text-[10px] text-amber-700">estimated</dd>}
          </div>
          {saving !== null && cost.baseline > 0 && (
            <div>
              <dt className="text-[11px] text-slate-500">vs flagship</dt>
              <dd className="font-semibold text-emerald-700 tabular-nums" aria-label="Saving against the flagship baseline">
                −{formatPercent(saving / cost.baseline)}
              </dd>
            </div>
          )}
        </dl>
        <div className="flex items-center gap-2">
          {live && !shared && canCancel && (
            <Button variant="danger" onClick={cancel} disabled={cancelling}>
              {cancelling ? "Cancelling…" : "Cancel run"}
            </Button>
          )}
          {actions}
        </div>
      </div>
      {cancelError && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {cancelError}
        </p>
      )}
    </section>
  );
}

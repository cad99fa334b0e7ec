"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { formatUsd, NANO_PER_USD } from "@/lib/models/cost";
import { cx } from "@/components/ui/cx";
import { formatDateTime, formatRecent } from "@/components/ui/date-format";
import { formatDuration } from "./format";
import { runApi, type RunHistoryItem } from "./run-api";
import { RunStatusBadge } from "./status-badge";

const POLL_MS = 3000;
const usd = (value: number) => formatUsd(Math.round(value * NANO_PER_USD));

/**
 * A graph's past runs, newest first — status, cost, duration, when — each linking to its run
 * page. Refreshes itself while a run is going, and whenever `refreshKey` changes.
 */
export function RunHistory({
  graphId,
  initialRuns,
  currentRunId,
  refreshKey,
  className,
}: {
  graphId: string;
  initialRuns?: RunHistoryItem[];
  currentRunId?: string;
  refreshKey?: string;
  className?: string;
}) {
  const headingId = useId();
  const [runs, setRuns] = useState<RunHistoryItem[] | null>(initialRuns ?? null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState<number | null>(null);
  const active = runs?.some((run) => run.status === "running" || run.status === "queued") ?? false;

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const result = await runApi.history(graphId);
      if (stopped) return;
      if (result.ok) {
        setRuns(result.value.runs);
        setError(null);
      } else setError(result.error.message);
      setNow(Date.now());
    };
    void load();
    const timer = active ? setInterval(load, POLL_MS) : undefined;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [graphId, active, refreshKey]);

  return (
    <section aria-labelledby={headingId} className={cx("rounded-xl border border-slate-200 bg-white shadow-xs", className)}>
      <h2 id={headingId} className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
        Run history
      </h2>
      {error && <p role="alert" className="px-4 py-2 text-sm text-red-700">{error}</p>}
      {runs === null ? (
        <p className="px-4 py-3 text-sm text-slate-500">Loading…</p>
      ) : runs.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">No runs yet. Start one with Run.</p>
      ) : (
        <ul className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto">
          {runs.map((run) => (
            <li key={run.id}>
              <Link
                href={`/runs/${run.id}`}
                aria-current={run.id === currentRunId ? "page" : undefined}
                className={cx("block px-4 py-2.5 hover:bg-slate-50", run.id === currentRunId && "bg-sky-50/70")}
              >
                <span className="flex items-center gap-2">
                  <RunStatusBadge status={run.status} />
                  <span className="ml-auto text-sm font-medium text-slate-900 tabular-nums">{run.durationMs === null ? "…" : usd(run.costUsd)}</span>
                </span>
                <span className="mt-1 line-clamp-2 block text-sm text-slate-700">{run.input}</span>
                <span className="mt-0.5 flex gap-2 text-xs text-slate-500">
                  <time dateTime={run.createdAt} title={formatDateTime(run.createdAt)} suppressHydrationWarning>
                    {formatRecent(run.createdAt, now ?? undefined)}
                  </time>
                  <span>·</span>
                  <span>{run.durationMs === null ? "running" : formatDuration(run.durationMs)}</span>
                  {run.simulated && (
                    <>
                      <span>·</span>
                      <span>simulated</span>
                    </>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

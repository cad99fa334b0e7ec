"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { RUN_STATUSES, type RunStatus } from "@/lib/engine/events";
import { formatUsd, NANO_PER_USD } from "@/lib/models/cost";
import type { RunPage, WorkspaceRun } from "@/lib/runs";
import { formatDuration } from "@/components/run/format";
import { formatRecent } from "@/components/ui/date-format";
import { RUN_STATUS, RunStatusBadge } from "@/components/run/status-badge";
import { useNow } from "@/components/run/use-now";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { call } from "@/components/workspace/graph-api";

const usd = (value: number) => formatUsd(Math.round(value * NANO_PER_USD));

interface Filters {
  status?: RunStatus;
  graphId?: string;
}

const queryOf = (filters: Filters, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.graphId) params.set("graphId", filters.graphId);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
};

/**
 * The Runs page's list: filters (kept in the URL, so a filtered list can be linked) and
 * "Load more", which fetches the next page of `GET /api/v1/runs` with the last cursor.
 */
export function RunsClient({
  initialPage,
  pageSize,
  filters,
  graphs,
  filterRejected,
}: {
  initialPage: RunPage;
  /** Runs per "Load more": the page's first load used the same. */
  pageSize: number;
  filters: Filters;
  graphs: { id: string; name: string }[];
  filterRejected: boolean;
}) {
  const router = useRouter();
  const ids = { status: useId(), graph: useId() };
  const [runs, setRuns] = useState<WorkspaceRun[]>(initialPage.runs);
  const [cursor, setCursor] = useState(initialPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(false);
  const hydrated = useHydrated();

  // The choice shows at once and a second change builds on the first, before the page has reloaded with it.
  const [chosen, setChosen] = useState(filters);
  const filter = (next: Filters) => {
    setChosen(next);
    const query = queryOf(next);
    router.push(query ? `/runs?${query}` : "/runs");
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    const result = await call<RunPage>("GET", `/api/v1/runs?${queryOf(filters, { cursor, limit: String(pageSize) })}`);
    setLoading(false);
    if (!result.ok) return setError(result.error.message);
    setRuns((shown) => [...shown, ...result.value.runs]);
    setCursor(result.value.nextCursor);
  };

  const filtered = filters.status !== undefined || filters.graphId !== undefined;

  return (
    <div className="space-y-4">
      <form role="search" aria-label="Filter runs" className="flex flex-wrap items-end gap-4" onSubmit={(event) => event.preventDefault()}>
        <div>
          <label htmlFor={ids.status} className="mb-1 block text-sm font-medium">
            Status
          </label>
          <select
            id={ids.status}
            value={chosen.status ?? ""}
            disabled={!hydrated}
            onChange={(event) => filter({ ...chosen, status: (event.target.value || undefined) as RunStatus | undefined })}
            className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm"
          >
            <option value="">All statuses</option>
            {RUN_STATUSES.map((status) => (
              <option key={status} value={status}>
                {RUN_STATUS[status].label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.graph} className="mb-1 block text-sm font-medium">
            Graph
          </label>
          <select
            id={ids.graph}
            value={chosen.graphId ?? ""}
            disabled={!hydrated}
            onChange={(event) => filter({ ...chosen, graphId: event.target.value || undefined })}
            className="h-9 max-w-64 rounded-md border border-slate-300 bg-white px-2 text-sm"
          >
            <option value="">All graphs</option>
            {graphs.map((graph) => (
              <option key={graph.id} value={graph.id}>
                {graph.name}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <Button variant="ghost" onClick={() => filter({})}>
            Clear filters
          </Button>
        )}
      </form>
      {filterRejected && (
        <p role="status" className="text-sm text-amber-800">
          The link&apos;s filter was not understood, so every run is shown.
        </p>
      )}
      {runs.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600">
          {filtered ? "No runs match these filters." : "No runs yet: open a graph and press Run."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Runs, newest first</caption>
            <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Task</th>
                <th scope="col" className="px-3 py-2 font-medium">Graph</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
                <th scope="col" className="px-3 py-2 font-medium">Started</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Duration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((run) => (
                <tr key={run.id} className="hover:bg-slate-50">
                  <th scope="row" className="max-w-md px-4 py-2.5 font-normal">
                    <Link href={`/runs/${run.id}`} className="line-clamp-2 text-slate-900 hover:underline">
                      {run.input}
                    </Link>
                  </th>
                  <td className="px-3 py-2.5 text-slate-700">{run.graphName}</td>
                  <td className="px-3 py-2.5">
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="px-3 py-2.5 text-right tabular-nums">{usd(run.costUsd)}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-600">
                    <time dateTime={run.createdAt} suppressHydrationWarning>
                      {formatRecent(run.createdAt, now ?? undefined)}
                    </time>
                  </td>
                  <td className="px-4 py-2.5 text-right whitespace-nowrap text-slate-600 tabular-nums">
                    {run.durationMs === null ? "—" : formatDuration(run.durationMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span role="status">{runs.length > 0 && `${runs.length} ${runs.length === 1 ? "run" : "runs"} shown${cursor ? "" : ", all of them"}`}</span>
        {cursor && (
          <Button onClick={() => void loadMore()} disabled={loading || !hydrated}>
            {loading ? "Loading…" : "Load more"}
          </Button>
        )}
      </div>
    </div>
  );
}

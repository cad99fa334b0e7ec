"use client";

import { useShallow } from "zustand/react/shallow";
import type { RunStatus } from "@/lib/engine/events";
import { TIERS, type GraphDocument, type Tier } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { addUsage, baselineNanoUsd, formatUsd } from "@/lib/models/cost";
import { nodeTimes, runFigures, savingNanoUsd, useRunStore, type NodeSummary } from "@/lib/stores/run";
import type { RunViewStore } from "@/lib/stores/run";
import { cx } from "@/components/ui/cx";
import { TierBadge, tierTitle } from "@/components/ui/tier-badge";
import { estimatedNote, formatCost, formatDuration, formatPercent, formatTokens } from "./format";
import { useNow } from "./use-now";

const TIER_FILL: Record<Tier, string> = { flagship: "bg-flagship", mini: "bg-mini", nano: "bg-nano" };

/**
 * Run totals: final figures once the run has ended, else the sum of what nodes reported so far.
 * Flat numbers, so a `useShallow` selector of it stays stable between events that change nothing.
 * `estimatedCalls` counts calls whose usage is an estimate: the figures then carry "≈".
 */
export function runCost(state: RunViewStore) {
  const nodes = Object.values(state.summary.nodes);
  const totals = state.summary.totals;
  const usage = totals?.usage ?? addUsage(...nodes.map((n) => n.usage));
  const cost = totals?.costNanoUsd ?? nodes.reduce((sum, n) => sum + (n.costNanoUsd ?? 0), 0);
  // While it runs, each call's own baseline (priced on the run's flagship tier, whatever vendor); runs stored before spend lines, the default catalog's.
  const spend = Object.values(state.summary.spend ?? {});
  const baseline = totals?.baselineNanoUsd ?? (spend.length > 0 ? spend.reduce((sum, line) => sum + line.baselineNanoUsd, 0) : (baselineNanoUsd(usage, DEFAULT_CATALOG) ?? 0));
  const complete = totals?.costComplete ?? nodes.every((n) => n.costComplete);
  // Old stored final events carry no count: nothing of theirs was estimated.
  const estimatedCalls = totals ? (totals.estimatedCalls ?? 0) : nodes.reduce((n, node) => n + node.estimatedCalls, 0);
  return {
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    cost,
    baseline,
    complete,
    estimatedCalls,
  };
}

const NO_SAVING: Partial<Record<RunStatus, string>> = {
  failed: "The run failed",
  cancelled: "The run was cancelled",
  budget_exceeded: "The run hit its budget",
  interrupted: "The run was interrupted",
};

/**
 * Per-node costs, tokens, instances, calls and times, the run's total against its flagship
 * baseline (a saving only for a run that succeeded, or so far while it runs), and cost by node
 * and tier as bars. `status` is the run's, as the header shows it.
 */
export function CostPanel({ graph, status }: { graph: GraphDocument; status: RunStatus }) {
  const nodes = useRunStore(useShallow((s) => graph.nodes.map((n) => s.summary.nodes[n.id])));
  const spend = useRunStore(useShallow((s) => Object.values(s.summary.spend ?? {})));
  const totals = useRunStore(useShallow(runCost));
  const final = useRunStore((s) => s.summary.totals !== null);
  const live = useRunStore((s) => s.startedAt !== null && s.endedAt === null);
  const now = useNow(live, 500);
  const endedAt = useRunStore((s) => s.endedAt);
  const figures = useRunStore(useShallow((s) => runFigures(s, now)));
  const top = Math.max(1, ...nodes.map((n) => n.costNanoUsd ?? 0));
  const byTier = TIERS.map((tier) => ({ tier, cost: nodes.filter((n) => n.tier === tier).reduce((sum, n) => sum + (n.costNanoUsd ?? 0), 0) })).filter((t) => t.cost > 0);
  const saving = savingNanoUsd(status, totals.cost, totals.baseline);
  const savingShare = saving !== null && totals.baseline > 0 ? saving / totals.baseline : 0;
  const estimated = estimatedNote(totals.estimatedCalls);
  const approx = estimated ? "≈" : "";
  const tokens = `${formatTokens(totals.inputTokens)} in · ${formatTokens(totals.outputTokens)} out`;

  return (
    <div className="space-y-5 p-4">
      <dl aria-label="Run cost" className="grid gap-3 sm:grid-cols-3">
        <Stat
          term={final ? "Total cost" : "Cost so far"}
          value={`${formatCost(totals.cost, totals.estimatedCalls)}${totals.complete ? "" : "+"}`}
          note={[totals.complete ? tokens : "some calls unpriced: a lower bound", estimated].filter(Boolean).join("; ")}
          title={estimated || undefined}
        />
        <Stat term="Flagship baseline" value={`${approx}${formatUsd(totals.baseline)}`} note="the same tokens, every node on the flagship tier" title={estimated || undefined} />
        {saving === null ? (
          <Stat term="Saving" value="None" note={`${NO_SAVING[status] ?? "The run did not succeed"}: only work that succeeds saves anything`} />
        ) : (
          <Stat term={final ? "Saving" : "Saving so far"} value={`${approx}${formatUsd(saving)} (${formatPercent(savingShare)})`} note="against the flagship baseline" title={estimated || undefined} strong />
        )}
      </dl>

      <table className="w-full text-sm [&_td]:whitespace-nowrap">
        <caption className="mb-1 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">Cost by node</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th scope="col" className="py-1.5 pr-3 font-medium">Node</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Tier · model</th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium">Input</th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium">Cached</th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium">Output</th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium" title="One per subtask (1 for a single node) per pass">
              Instances
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium" title="Model requests; a tool-using instance makes several">
              Calls
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium" title="How long at least one instance was running">
              Wall time
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium" title="Every instance's time added up">
              Summed time
            </th>
            <th scope="col" className="py-1.5 pl-3 text-right font-medium">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {nodes.map((node) => (
            <tr key={node.nodeId}>
              <th scope="row" className="py-1.5 pr-3 text-left font-medium text-slate-800">
                {node.label}
              </th>
              <td className="px-3 py-1.5">
                <span className="flex flex-col items-start gap-0.5">
                  <TierBadge tier={node.tier} />
                  <span className="truncate font-mono text-[11px] text-slate-500">{node.model}</span>
                </span>
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{node.usage.inputTokens.toLocaleString("en-US")}</td>
              <td className="px-3 py-1.5 text-right text-slate-500 tabular-nums">{node.usage.cachedInputTokens.toLocaleString("en-US")}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{node.usage.outputTokens.toLocaleString("en-US")}</td>
              <NodeFigures node={node} now={endedAt ?? now} />
              <td
                className={cx("py-1.5 pl-3 text-right font-medium tabular-nums", node.costNanoUsd === null && "text-amber-700")}
                data-cost-nano={node.costNanoUsd ?? undefined}
                title={estimatedNote(node.estimatedCalls) || undefined}
              >
                {formatCost(node.costNanoUsd, node.estimatedCalls)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-200 font-semibold">
            <th scope="row" colSpan={2} className="py-2 pr-3 text-left">
              {final ? "Run total" : "Total so far"}
            </th>
            <td className="px-3 py-2 text-right tabular-nums">{totals.inputTokens.toLocaleString("en-US")}</td>
            <td className="px-3 py-2 text-right tabular-nums">{totals.cachedInputTokens.toLocaleString("en-US")}</td>
            <td className="px-3 py-2 text-right tabular-nums">{totals.outputTokens.toLocaleString("en-US")}</td>
            <td className="px-2 py-2 text-right tabular-nums">{figures.instances}</td>
            <td className="px-2 py-2 text-right tabular-nums">{figures.calls}</td>
            <td className="px-2 py-2 text-right tabular-nums" title="The run's wall time, start to end">
              {formatDuration(figures.wallMs)}
            </td>
            <td className="px-2 py-2 text-right tabular-nums">{formatDuration(figures.summedMs)}</td>
            <td className="py-2 pl-3 text-right tabular-nums" data-cost-nano={totals.cost} title={estimated || undefined}>
              {formatCost(totals.cost, totals.estimatedCalls)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="-mt-3 text-[11px] text-slate-500">
        Instances: one per subtask per pass. Calls: model requests. Wall time: how long at least one instance was running (the run: start to end). Summed time:
        every instance&apos;s time added up, above the wall time when instances run in parallel.
      </p>

      {spend.length > 0 && (
        <table className="w-full text-sm [&_td]:whitespace-nowrap">
          <caption className="mb-1 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">Cost by provider and model</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th scope="col" className="py-1.5 pr-3 font-medium">Provider</th>
              <th scope="col" className="px-3 py-1.5 font-medium">Model</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Input</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Output</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">Calls</th>
              <th scope="col" className="py-1.5 pl-3 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {spend.map((line) => (
              <tr key={`${line.provider} · ${line.model}`}>
                <th scope="row" className="py-1.5 pr-3 text-left font-medium text-slate-800">
                  {line.provider}
                </th>
                <td className="px-3 py-1.5 font-mono text-xs text-slate-600">{line.model}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{line.usage.inputTokens.toLocaleString("en-US")}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{line.usage.outputTokens.toLocaleString("en-US")}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{line.calls}</td>
                <td className={cx("py-1.5 pl-3 text-right font-medium tabular-nums", line.costNanoUsd === null && "text-amber-700")}>
                  {formatCost(line.costNanoUsd, 0)}
                  {line.costNanoUsd !== null && line.unpricedCalls > 0 ? "+" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="grid gap-5 md:grid-cols-2">
        <figure>
          <figcaption className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Cost by node</figcaption>
          <ul className="space-y-1.5">
            {nodes.map((node) => (
              <li key={node.nodeId} className="grid grid-cols-[8rem_1fr_4.5rem] items-center gap-2 text-xs">
                <span className="truncate text-slate-700">{node.label}</span>
                <span className="h-3 rounded-sm bg-slate-100">
                  <span className={cx("block h-3 rounded-sm", TIER_FILL[node.tier])} style={{ width: `${((node.costNanoUsd ?? 0) / top) * 100}%` }} />
                </span>
                <span className="text-right tabular-nums text-slate-600">{formatCost(node.costNanoUsd, node.estimatedCalls)}</span>
              </li>
            ))}
          </ul>
        </figure>
        <figure>
          <figcaption className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Cost by tier, against the flagship baseline</figcaption>
          <div className="flex h-4 overflow-hidden rounded-sm bg-slate-100" role="img" aria-label={byTier.map((t) => `${tierTitle(t.tier)} ${formatUsd(t.cost)}`).join(", ") || "No cost yet"}>
            {byTier.map((t) => (
              <span key={t.tier} className={TIER_FILL[t.tier]} style={{ width: `${(t.cost / Math.max(totals.baseline, totals.cost, 1)) * 100}%` }} />
            ))}
          </div>
          <div aria-hidden className="mt-1 h-1.5 rounded-sm bg-slate-300" title="Flagship baseline" />
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
            {byTier.map((t) => (
              <li key={t.tier} className="flex items-center gap-1.5">
                <span aria-hidden className={cx("size-2.5 rounded-sm", TIER_FILL[t.tier])} />
                {tierTitle(t.tier)} {formatUsd(t.cost)}
              </li>
            ))}
            <li className="flex items-center gap-1.5">
              <span aria-hidden className="h-1.5 w-3 rounded-sm bg-slate-300" />
              Flagship baseline {formatUsd(totals.baseline)}
            </li>
          </ul>
        </figure>
      </div>
    </div>
  );
}

/** A node's instances (and passes), calls, wall time and summed time, as of `now`. */
function NodeFigures({ node, now }: { node: NodeSummary; now: number | null }) {
  const { wallMs, summedMs } = nodeTimes(node, now);
  const started = node.startedAt !== null;
  return (
    <>
      <td className="px-2 py-1.5 text-right tabular-nums">
        {node.instances}
        {node.iteration > 0 && <span className="text-xs text-slate-500"> ({node.iteration + 1} passes)</span>}
      </td>
      <td className="px-2 py-1.5 text-right tabular-nums">{node.calls}</td>
      <td className="px-2 py-1.5 text-right text-slate-600 tabular-nums">{started ? formatDuration(wallMs) : "—"}</td>
      <td className="px-2 py-1.5 text-right text-slate-600 tabular-nums">{started ? formatDuration(summedMs) : "—"}</td>
    </>
  );
}

function Stat({ term, value, note, title, strong }: { term: string; value: string; note: string; title?: string; strong?: boolean }) {
  return (
    <div className={cx("rounded-lg border px-3 py-2.5", strong ? "border-emerald-200 bg-emerald-50/70" : "border-slate-200 bg-white")} title={title}>
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className={cx("text-lg font-semibold tabular-nums", strong ? "text-emerald-800" : "text-slate-900")}>{value}</dd>
      <dd className="text-[11px] text-slate-500">{note}</dd>
    </div>
  );
}

import { formatUsd } from "@/lib/models/cost";
import type { EstimateAccuracy, EstimateBasis, Range, ReviewerRevisions, RunEstimate } from "@/lib/engine/estimate";
import { TierBadge } from "@/components/ui/tier-badge";
import { formatPercent } from "./format";

/** "$0.0012 – $0.0034", or one figure when the range is a point. */
export function formatRange(range: Range | null): string {
  if (!range) return "unpriced";
  const low = formatUsd(range.low);
  const high = formatUsd(range.high);
  return low === high ? low : `${low} – ${high}`;
}

/** "Reviewer may send work back up to 2 times; Editor once": the revisions the range allows for. */
export function describeRevisions(revisions: readonly ReviewerRevisions[]): string | null {
  if (revisions.length === 0) return null;
  const times = (n: number) => (n === 1 ? "once" : `${n} times`);
  const parts = revisions.map(({ label, passes }) =>
    passes.low === passes.high ? `${label} sends work back ${times(passes.high)}` : `${label} may send work back up to ${times(passes.high)}`,
  );
  return `${parts.join("; ")}.`;
}

const runs = (n: number, simulated: boolean) => `${n} past ${simulated ? "simulated " : ""}run${n === 1 ? "" : "s"}`;

/** "4 past runs" when the node is calibrated on its history, "priors" otherwise. */
export function describeBasis(basis: EstimateBasis, simulated = false): string {
  return basis.kind === "history" ? runs(basis.runs, simulated) : "priors";
}

/** "±12% on 9 past runs": the estimate's measured error on held-out past runs. */
export function describeAccuracy(accuracy: EstimateAccuracy, simulated = false): string {
  return `±${formatPercent(accuracy.meanAbsPercentError)} on ${runs(accuracy.runs, simulated)}`;
}

const instancesOf = (r: Range) => (r.low === r.high ? String(r.low) : `${Math.round(r.low)}–${Math.round(r.high)}`);

/** A run's cost estimate: each node's range, the total, and what the same work would cost on the flagship tier. */
export function EstimateTable({ estimate, exact, simulated = false }: { estimate: RunEstimate; exact: boolean; simulated?: boolean }) {
  const total = estimate.costNanoUsd;
  const baseline = estimate.baselineNanoUsd;
  const saving = baseline && baseline.expected > 0 ? 1 - total.expected / baseline.expected : null;
  const revisions = describeRevisions(estimate.revisions);
  const { accuracy, historyRuns } = estimate;
  return (
    <section aria-label="Cost estimate" className="rounded-lg border border-slate-200">
      <table className="w-full text-sm">
        <caption className="px-3 pt-2.5 pb-1 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Estimated cost before running
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th scope="col" className="px-3 py-1.5 font-medium">Node</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Tier</th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium" title="Instances (subagents) the node runs">Runs</th>
            <th scope="col" className="px-3 py-1.5 font-medium" title="Calibrated on the node's own past runs of this graph, or the per-role priors">Based on</th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {estimate.nodes.map((node) => (
            <tr key={node.nodeId}>
              <th scope="row" className="max-w-40 truncate px-3 py-1.5 text-left font-medium text-slate-800">{node.label}</th>
              <td className="px-3 py-1.5"><TierBadge tier={node.tier} /></td>
              <td className="px-3 py-1.5 text-right text-slate-600 tabular-nums">×{instancesOf(node.instances)}</td>
              <td className="px-3 py-1.5 text-xs text-slate-600">{describeBasis(node.basis, simulated)}</td>
              <td className="px-3 py-1.5 text-right text-slate-800 tabular-nums">{formatRange(node.costNanoUsd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 bg-slate-50">
            <th scope="row" colSpan={4} className="px-3 py-2 text-left font-semibold">
              Total{!estimate.complete && <span className="ml-1 font-normal text-amber-700">(some models unpriced)</span>}
            </th>
            <td className="px-3 py-2 text-right font-semibold tabular-nums" aria-label="Estimated total">
              {formatRange(total)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        Most likely about <strong className="text-slate-900">{formatUsd(total.expected)}</strong>
        {baseline && saving !== null && saving > 0 && (
          <>
            {" "}— all on the flagship tier it would be about {formatUsd(baseline.expected)}, so tiers save ~{formatPercent(saving)}
          </>
        )}
        . {exact ? "Prompt tokens counted exactly (o200k)." : "Prompt tokens approximated; exact count loading…"}
        {revisions && <> The range includes revisions: {revisions}</>}
      </p>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        {!exact ? <>Reading this graph&apos;s past runs…</> : historyRuns > 0 ? <>Calibrated on the graph&apos;s last {runs(historyRuns, simulated)}. </> : <>Priors only: this graph has no succeeded {simulated ? "simulated " : ""}runs to calibrate on yet.</>}
        {accuracy && (
          <>
            Measured error <strong className="text-slate-900" aria-label="Estimate accuracy">{describeAccuracy(accuracy, simulated)}</strong>, each estimated from the runs before it
            (priors alone: ±{formatPercent(accuracy.priorsMeanAbsPercentError)}).
          </>
        )}
      </p>
    </section>
  );
}

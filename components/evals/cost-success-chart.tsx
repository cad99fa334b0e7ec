import { formatUsd } from "@/lib/models/cost";
import type { VariantResult } from "@/lib/evals/wire";

const W = 560;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };
const COLORS = ["#0f172a", "#0369a1", "#b45309", "#047857", "#7c3aed", "#be123c", "#4d7c0f", "#0e7490"];

/**
 * Mean cost per case (x) against success rate (y) for each variant, with the 95% interval as a
 * vertical bar. Plain SVG: the chart needs points, bars and labels, no library.
 */
export function CostSuccessChart({ results, simulated }: { results: readonly VariantResult[]; simulated: boolean }) {
  const points = results.filter((r) => r.successRate !== null && r.meanCostNanoUsd !== null);
  const maxCost = Math.max(1, ...points.map((r) => r.meanCostNanoUsd!)) * 1.1;
  const x = (cost: number) => PAD.left + (cost / maxCost) * (W - PAD.left - PAD.right);
  const y = (rate: number) => PAD.top + (1 - rate) * (H - PAD.top - PAD.bottom);
  const title = `Cost against success rate, per variant${simulated ? " (simulated)" : ""}`;
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} className="w-full max-w-2xl rounded-md border border-slate-200 bg-white">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="10" fill="#64748b">
              {t * 100}%
            </text>
          </g>
        ))}
        {[0, 0.5, 1].map((t) => (
          <text key={t} x={x(maxCost * t)} y={H - PAD.bottom + 14} textAnchor="middle" fontSize="10" fill="#64748b">
            {formatUsd(Math.round(maxCost * t))}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 6} textAnchor="middle" fontSize="11" fill="#334155">
          Mean cost per case
        </text>
        <text x={12} y={H / 2} textAnchor="middle" fontSize="11" fill="#334155" transform={`rotate(-90 12 ${H / 2})`}>
          Success rate
        </text>
        {points.map((r) => {
          const color = COLORS[r.index % COLORS.length];
          return (
            <g key={r.index}>
              <title>{`${r.name}: ${Math.round(r.successRate! * 100)}% at ${formatUsd(Math.round(r.meanCostNanoUsd!))} per case`}</title>
              <line x1={x(r.meanCostNanoUsd!)} x2={x(r.meanCostNanoUsd!)} y1={y(r.interval!.low)} y2={y(r.interval!.high)} stroke={color} strokeWidth={2} opacity={0.4} />
              <circle cx={x(r.meanCostNanoUsd!)} cy={y(r.successRate!)} r={5} fill={color} />
              <text x={x(r.meanCostNanoUsd!) + 8} y={y(r.successRate!) - 6} fontSize="10" fill={color}>
                {r.name}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-500">{title}. Bars: 95% Wilson interval.</figcaption>
    </figure>
  );
}

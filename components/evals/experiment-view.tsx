"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formatUsd } from "@/lib/models/cost";
import type { ExperimentCaseView, ExperimentDetail, VariantResult } from "@/lib/evals/wire";
import { buttonClass } from "@/components/ui/button";
import { call } from "@/components/workspace/graph-api";
import { CostSuccessChart } from "./cost-success-chart";
import { GRADER_LABELS, percent } from "./evals-format";

const POLL_MS = 1000;
const ms = (value: number | null) => (value === null ? "—" : value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`);
const usd = (nano: number | null) => (nano === null ? "—" : formatUsd(Math.round(nano)));

/** An experiment's live progress, results per variant, chart, the advisor's proposal and the case-by-case comparison. */
export function ExperimentView({ initial, labels, canEdit }: { initial: ExperimentDetail; labels: Record<string, string>; canEdit: boolean }) {
  const [experiment, setExperiment] = useState(initial);
  const [picked, setPicked] = useState<string | null>(null);
  const running = experiment.status === "running";

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      const result = await call<ExperimentDetail>("GET", `/api/v1/experiments/${experiment.id}`);
      if (result.ok) setExperiment(result.value);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, experiment.id]);

  const done = experiment.cases.filter((c) => c.status === "graded" || c.status === "skipped").length;
  const total = experiment.cases.length;
  const sim = experiment.simulated ? " (simulated)" : "";
  const positions = [...new Set(experiment.cases.map((c) => c.position))].sort((a, b) => a - b);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{experiment.name}</h1>
        <p className="text-sm text-slate-600">
          Graded by: {GRADER_LABELS[experiment.grader.kind]}
          {experiment.grader.kind === "rubric" && ` (${experiment.grader.tier} judge)`}. {experiment.concurrency} cases at once
          {experiment.budgetNanoUsd !== null && `, budget ${usd(experiment.budgetNanoUsd)}`}.
          {experiment.simulated && <span className="ml-2 font-medium text-amber-800">Every figure here is simulated.</span>}
        </p>
        <div className="flex items-center gap-3 text-sm">
          <span role="status" aria-label="Experiment status" className="font-medium">
            {running ? "Running" : experiment.status === "succeeded" ? "Finished" : experiment.status.replace("_", " ")}
          </span>
          <div role="progressbar" aria-label="Cases graded" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 w-64 overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-sky-600 transition-all" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
          </div>
          <span>
            {done} of {total} cases graded
          </span>
        </div>
      </div>

      {experiment.proposal && <Proposal experiment={experiment} labels={labels} canEdit={canEdit} />}

      <section aria-label="Results" className="space-y-4">
        <h2 className="text-lg font-semibold">Results per variant{sim}</h2>
        <ResultsTable results={experiment.results} caption={`Results per variant${sim}`} />
        <CostSuccessChart results={experiment.results} simulated={experiment.simulated} />
      </section>

      <section aria-label="Cases" className="space-y-3">
        <h2 className="text-lg font-semibold">Cases</h2>
        <p className="text-sm text-slate-600">Pick a case to compare its runs across variants.</p>
        <ul className="flex flex-wrap gap-1">
          {positions.map((position) => {
            const cases = experiment.cases.filter((c) => c.position === position);
            const first = cases[0];
            return (
              <li key={position}>
                <button
                  type="button"
                  aria-pressed={picked === first.caseId}
                  aria-label={`Case ${position + 1}`}
                  onClick={() => setPicked(first.caseId)}
                  className={buttonClass(picked === first.caseId ? "primary" : "secondary", "sm", "px-2")}
                >
                  {position + 1}
                  <span aria-hidden className="ml-1 tracking-tighter">
                    {cases.map((c) => (c.passed === true ? "✓" : c.passed === false ? "✗" : "·")).join("")}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {picked && <CaseComparison experiment={experiment} cases={experiment.cases.filter((c) => c.caseId === picked)} />}
      </section>
    </div>
  );
}

function ResultsTable({ results, caption }: { results: readonly VariantResult[]; caption: string }) {
  return (
    <table className="w-full text-sm" aria-label={caption}>
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-2">Variant</th>
          <th>Success rate (95% CI)</th>
          <th>Mean cost</th>
          <th>Cost per success</th>
          <th>p50 latency</th>
          <th>p95 latency</th>
          <th>Saving vs all flagship</th>
          <th>Judge cost</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.index} className="border-t border-slate-200">
            <th scope="row" className="py-2 text-left font-medium">
              {r.name}
            </th>
            <td>
              {r.successRate === null ? "—" : `${percent(r.successRate)} (${percent(r.interval!.low)}–${percent(r.interval!.high)})`}
              <span className="ml-1 text-xs text-slate-500">
                {r.successes}/{r.graded}
              </span>
            </td>
            <td>{usd(r.meanCostNanoUsd)}</td>
            <td>{usd(r.costPerSuccessNanoUsd)}</td>
            <td>{ms(r.p50LatencyMs)}</td>
            <td>{ms(r.p95LatencyMs)}</td>
            <td>{r.savingVsFlagship === null ? "—" : percent(r.savingVsFlagship)}</td>
            <td>{r.graderNanoUsd ? usd(r.graderNanoUsd) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Proposal({ experiment, labels, canEdit }: { experiment: ExperimentDetail; labels: Record<string, string>; canEdit: boolean }) {
  const proposal = experiment.proposal!;
  const variant = experiment.variants[proposal.variant];
  const changes = Object.entries(variant.tiers);
  const href = `/graphs/${experiment.graphId}?tiers=${encodeURIComponent(JSON.stringify(variant.tiers))}`;
  return (
    <section aria-label="Tier advisor's proposal" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950">
      <h2 className="text-base font-semibold">Tier advisor&apos;s proposal{experiment.simulated ? " (simulated)" : ""}</h2>
      <p className="mt-1">{proposal.evidence}</p>
      {changes.length > 0 && (
        <>
          <ul className="mt-2 list-disc pl-5">
            {changes.map(([id, tier]) => (
              <li key={id}>
                {labels[id] ?? id} → {tier}
              </li>
            ))}
          </ul>
          {canEdit && experiment.graphId && (
            <Link href={href} className={buttonClass("primary", "sm", "mt-3")}>
              Apply in the editor
            </Link>
          )}
        </>
      )}
    </section>
  );
}

function CaseComparison({ experiment, cases }: { experiment: ExperimentDetail; cases: ExperimentCaseView[] }) {
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3">
      <p className="text-sm whitespace-pre-wrap">
        <span className="font-medium">Input: </span>
        {cases[0].input}
      </p>
      <table className="w-full text-sm" aria-label="This case across variants">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1">Variant</th>
            <th>Grade</th>
            <th>Reason</th>
            <th>Cost</th>
            <th>Latency</th>
            <th>Run</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} className="border-t border-slate-200 align-top">
              <th scope="row" className="py-1 text-left font-medium">
                {experiment.variants[c.variant]?.name}
              </th>
              <td>{c.passed === true ? "Passed" : c.passed === false ? "Failed" : c.status}</td>
              <td className="max-w-md pr-2">{c.reason ?? "—"}</td>
              <td>{usd(c.costNanoUsd)}</td>
              <td>{ms(c.latencyMs)}</td>
              <td>
                {c.runId ? (
                  <Link href={`/runs/${c.runId}`} className="text-sky-800 hover:underline">
                    Open run
                  </Link>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Variant } from "@/lib/evals/wire";
import { Button } from "@/components/ui/button";
import { call } from "@/components/workspace/graph-api";

interface Props {
  graphs: { id: string; name: string }[];
  datasets: { id: string; name: string; caseCount: number }[];
  graphId: string | null;
  datasetId: string | null;
  /** As designed, all flagship, and each node one tier down (lib/evals/variants.ts). */
  presets: Variant[];
  simulated: boolean;
}

/** Starts an experiment (the chosen variants) or the tier advisor's search, on a graph and a dataset. */
export function ExperimentForm({ graphs, datasets, graphId, datasetId, presets, simulated }: Props) {
  const router = useRouter();
  const [dataset, setDataset] = useState(datasetId ?? "");
  const [chosen, setChosen] = useState(() => new Set(presets.slice(0, 3).map((v) => v.name)));
  const [concurrency, setConcurrency] = useState("4");
  const [budget, setBudget] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const settings = () => ({
    graphId,
    datasetId: dataset,
    concurrency: Number(concurrency),
    ...(budget ? { budgetUsd: Number(budget) } : {}),
  });

  async function start(kind: "compare" | "advisor") {
    setBusy(true);
    setError(null);
    const body = kind === "compare" ? { ...settings(), variants: presets.filter((v) => chosen.has(v.name)) } : settings();
    const result = await call<{ id: string }>("POST", kind === "compare" ? "/api/v1/experiments" : "/api/v1/experiments/advisor", body);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    router.push(`/experiments/${result.value.id}`);
  }

  if (graphs.length === 0 || datasets.length === 0) {
    return <p className="text-sm text-slate-600">An experiment needs a graph and a dataset: create {graphs.length === 0 ? "a graph" : "a dataset"} first.</p>;
  }
  return (
    <section aria-label="New experiment" className="space-y-4 rounded-lg border border-slate-200 p-4">
      <h2 className="text-lg font-semibold">New experiment</h2>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Graph</span>
          <select value={graphId ?? ""} onChange={(e) => router.push(`/experiments?graphId=${e.target.value}&datasetId=${dataset}`)} className="h-9 rounded-md border border-slate-300 px-2">
            {graphs.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Dataset</span>
          <select value={dataset} onChange={(e) => setDataset(e.target.value)} className="h-9 rounded-md border border-slate-300 px-2">
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.caseCount} cases)
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Cases at once</span>
          <input type="number" min={1} max={16} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} className="h-9 w-20 rounded-md border border-slate-300 px-2" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Budget (USD, optional)</span>
          <input type="number" min={0} step="any" value={budget} onChange={(e) => setBudget(e.target.value)} className="h-9 w-32 rounded-md border border-slate-300 px-2" />
        </label>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Variants</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {presets.map((v) => (
            <label key={v.name} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={chosen.has(v.name)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(v.name);
                  else next.delete(v.name);
                  setChosen(next);
                }}
              />
              {v.name}
            </label>
          ))}
        </div>
      </fieldset>
      {simulated && <p className="text-xs text-amber-800">Simulated: the built-in simulator answers each case right or wrong by its tier&apos;s documented chance at the case&apos;s difficulty.</p>}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <div className="flex gap-2">
        <Button variant="primary" disabled={busy || chosen.size === 0} onClick={() => start("compare")}>
          Start experiment
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => start("advisor")}>
          Run the tier advisor
        </Button>
      </div>
    </section>
  );
}

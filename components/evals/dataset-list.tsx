"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DatasetSummary } from "@/lib/evals/wire";
import { Button } from "@/components/ui/button";
import { call } from "@/components/workspace/graph-api";
import { GRADER_LABELS } from "./evals-format";

/** The datasets table and "New dataset". */
export function DatasetList({ datasets, canEdit }: { datasets: DatasetSummary[]; canEdit: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    const result = await call<{ id: string }>("POST", "/api/v1/datasets", { name });
    if (!result.ok) return setError(result.error.message);
    router.push(`/datasets/${result.value.id}`);
  }

  return (
    <div className="space-y-6">
      {canEdit && (
        <form onSubmit={create} className="flex items-end gap-2" aria-label="New dataset">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">Dataset name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} className="h-9 w-72 rounded-md border border-slate-300 px-2" />
          </label>
          <Button type="submit" variant="primary">
            New dataset
          </Button>
          {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
        </form>
      )}
      {datasets.length === 0 ? (
        <p className="text-sm text-slate-600">No datasets yet. A dataset is a set of cases (an input and what success looks like) that experiments run a graph over.</p>
      ) : (
        <table className="w-full text-sm" aria-label="Datasets">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Cases</th>
              <th>Grader</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id} className="border-t border-slate-200">
                <th scope="row" className="py-2 text-left font-medium">
                  <Link href={`/datasets/${d.id}`} className="text-sky-800 hover:underline">
                    {d.name}
                  </Link>
                </th>
                <td>{d.caseCount}</td>
                <td>{GRADER_LABELS[d.grader.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

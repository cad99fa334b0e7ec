"use client";

import Link from "next/link";
import { useState } from "react";
import { TIERS, type Tier } from "@/lib/graph";
import type { Dataset, DatasetCase, Grader } from "@/lib/evals/wire";
import { Button, buttonClass } from "@/components/ui/button";
import { call } from "@/components/workspace/graph-api";
import { GRADER_LABELS } from "./evals-format";

type CaseDraft = { input: string; expected: string; difficulty: string };
const draftOf = (c?: DatasetCase): CaseDraft => ({ input: c?.input ?? "", expected: c?.expected ?? "", difficulty: String(c?.difficulty ?? 0.5) });
const bodyOf = (d: CaseDraft) => ({ input: d.input, expected: d.expected === "" ? null : d.expected, difficulty: Number(d.difficulty) });

interface RowError {
  row: number;
  message: string;
}

/** One dataset: its grader, import and export, and its cases, each editable in place. */
export function DatasetEditor({ initial, canEdit }: { initial: Dataset; canEdit: boolean }) {
  const [dataset, setDataset] = useState(initial);
  const [problem, setProblem] = useState<{ message: string; rows: RowError[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function reload() {
    const result = await call<Dataset>("GET", `/api/v1/datasets/${dataset.id}`);
    if (result.ok) setDataset(result.value);
  }

  async function importFile(file: File) {
    setProblem(null);
    setNotice(null);
    const format = file.name.toLowerCase().endsWith(".csv") ? "csv" : "jsonl";
    const result = await call<{ imported: number }>("POST", `/api/v1/datasets/${dataset.id}/import`, { format, text: await file.text() });
    if (!result.ok) return setProblem({ message: result.error.message, rows: Array.isArray(result.error.details) ? (result.error.details as RowError[]) : [] });
    setNotice(`Imported ${result.value.imported} cases from ${file.name}.`);
    await reload();
  }

  async function saveGrader(grader: Grader) {
    const result = await call<Dataset>("PATCH", `/api/v1/datasets/${dataset.id}`, { grader });
    if (!result.ok) return setProblem({ message: result.error.message, rows: [] });
    setDataset(result.value);
    setNotice("Grader saved.");
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{dataset.name}</h1>
        <span className="text-sm text-slate-500">{dataset.cases.length} cases</span>
        <div className="ml-auto flex gap-2">
          <a className={buttonClass("secondary", "sm")} href={`/api/v1/datasets/${dataset.id}/export?format=csv`} download>
            Export CSV
          </a>
          <a className={buttonClass("secondary", "sm")} href={`/api/v1/datasets/${dataset.id}/export?format=jsonl`} download>
            Export JSONL
          </a>
          <Link className={buttonClass("primary", "sm")} href={`/experiments?datasetId=${dataset.id}`}>
            Run an experiment
          </Link>
        </div>
      </div>

      <GraderForm grader={dataset.grader} disabled={!canEdit} onSave={saveGrader} />

      {canEdit && (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">Import cases (CSV or JSONL)</span>
          <span className="text-xs text-slate-500">Columns: input, expected (optional), difficulty 0–1 (optional; only the simulator reads it). A file with any bad row imports nothing.</span>
          <input type="file" accept=".csv,.jsonl,.ndjson,text/csv" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} className="text-sm" />
        </label>
      )}
      {notice && <p role="status" className="text-sm text-emerald-800">{notice}</p>}
      {problem && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">{problem.message}</p>
          {problem.rows.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {problem.rows.slice(0, 50).map((r) => (
                <li key={r.row}>
                  Row {r.row}: {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <table className="w-full text-sm" aria-label="Cases">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="w-10 py-2">#</th>
            <th>Input</th>
            <th>Expected</th>
            <th className="w-20">Difficulty</th>
            <th className="w-36" />
          </tr>
        </thead>
        <tbody>
          {dataset.cases.map((c, i) => (
            <CaseRow key={c.id} index={i} datasetId={dataset.id} value={c} canEdit={canEdit} onChanged={reload} onError={(message) => setProblem({ message, rows: [] })} />
          ))}
        </tbody>
      </table>
      {canEdit && <NewCase datasetId={dataset.id} onAdded={reload} onError={(message) => setProblem({ message, rows: [] })} />}
    </div>
  );
}

function CaseFields({ draft, onChange, label }: { draft: CaseDraft; onChange: (d: CaseDraft) => void; label: string }) {
  return (
    <>
      <td>
        <textarea aria-label={`${label} input`} value={draft.input} onChange={(e) => onChange({ ...draft, input: e.target.value })} className="w-full rounded border border-slate-300 p-1" rows={2} />
      </td>
      <td>
        <textarea aria-label={`${label} expected`} value={draft.expected} onChange={(e) => onChange({ ...draft, expected: e.target.value })} className="w-full rounded border border-slate-300 p-1" rows={2} />
      </td>
      <td>
        <input aria-label={`${label} difficulty`} type="number" min={0} max={1} step={0.05} value={draft.difficulty} onChange={(e) => onChange({ ...draft, difficulty: e.target.value })} className="w-16 rounded border border-slate-300 p-1" />
      </td>
    </>
  );
}

function CaseRow({ index, datasetId, value, canEdit, onChanged, onError }: { index: number; datasetId: string; value: DatasetCase; canEdit: boolean; onChanged: () => Promise<void>; onError: (m: string) => void }) {
  const [draft, setDraft] = useState<CaseDraft | null>(null);
  const label = `Case ${index + 1}`;
  async function save() {
    const result = await call("PUT", `/api/v1/datasets/${datasetId}/cases/${value.id}`, bodyOf(draft!));
    if (!result.ok) return onError(result.error.message);
    setDraft(null);
    await onChanged();
  }
  async function remove() {
    const result = await call("DELETE", `/api/v1/datasets/${datasetId}/cases/${value.id}`);
    if (!result.ok) return onError(result.error.message);
    await onChanged();
  }
  return (
    <tr className="border-t border-slate-200 align-top" aria-label={label}>
      <td className="py-2 text-slate-500">{index + 1}</td>
      {draft ? (
        <CaseFields draft={draft} onChange={setDraft} label={label} />
      ) : (
        <>
          <td className="py-2 pr-2 whitespace-pre-wrap">{value.input}</td>
          <td className="py-2 pr-2 whitespace-pre-wrap text-slate-700">{value.expected ?? <span className="text-slate-400">none</span>}</td>
          <td className="py-2">{value.difficulty}</td>
        </>
      )}
      <td className="py-1 text-right">
        {canEdit &&
          (draft ? (
            <div className="flex justify-end gap-1">
              <Button size="sm" variant="primary" onClick={save}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </div>
          ) : (
            <div className="flex justify-end gap-1">
              <Button size="sm" variant="ghost" aria-label={`Edit case ${index + 1}`} onClick={() => setDraft(draftOf(value))}>
                Edit
              </Button>
              <Button size="sm" variant="ghost" aria-label={`Delete case ${index + 1}`} onClick={remove}>
                Delete
              </Button>
            </div>
          ))}
      </td>
    </tr>
  );
}

function NewCase({ datasetId, onAdded, onError }: { datasetId: string; onAdded: () => Promise<void>; onError: (m: string) => void }) {
  const [draft, setDraft] = useState(draftOf());
  async function add() {
    const result = await call("POST", `/api/v1/datasets/${datasetId}/cases`, bodyOf(draft));
    if (!result.ok) return onError(result.error.message);
    setDraft(draftOf());
    await onAdded();
  }
  return (
    <table className="w-full text-sm" aria-label="New case">
      <tbody>
        <tr>
          <td className="w-10 text-slate-500">+</td>
          <CaseFields draft={draft} onChange={setDraft} label="New case" />
          <td className="w-36 text-right">
            <Button size="sm" variant="primary" onClick={add}>
              Add case
            </Button>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function GraderForm({ grader, disabled, onSave }: { grader: Grader; disabled: boolean; onSave: (g: Grader) => void }) {
  const [kind, setKind] = useState<Grader["kind"]>(grader.kind);
  const [tolerance, setTolerance] = useState(grader.kind === "numeric" ? String(grader.tolerance) : "0");
  const [schema, setSchema] = useState(grader.kind === "json-schema" ? JSON.stringify(grader.schema, null, 2) : '{ "type": "object" }');
  const [rubric, setRubric] = useState(grader.kind === "rubric" ? grader.rubric : "");
  const [tier, setTier] = useState<Tier>(grader.kind === "rubric" ? grader.tier : "mini");
  const [error, setError] = useState<string | null>(null);

  function build(): Grader | null {
    if (kind === "exact" || kind === "contains") return { kind, caseSensitive: false };
    if (kind === "numeric") return { kind, tolerance: Number(tolerance) };
    if (kind === "rubric") return { kind, rubric, tier };
    if (kind === "json-schema") {
      try {
        return { kind, schema: JSON.parse(schema) as Record<string, unknown> };
      } catch {
        setError("The schema is not valid JSON.");
        return null;
      }
    }
    return { kind };
  }

  return (
    <fieldset disabled={disabled} className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Grader</legend>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span>How a case succeeds</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Grader["kind"])} className="h-9 rounded-md border border-slate-300 px-2">
            {Object.entries(GRADER_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {kind === "numeric" && (
          <label className="flex flex-col gap-1">
            <span>Tolerance</span>
            <input type="number" min={0} step="any" value={tolerance} onChange={(e) => setTolerance(e.target.value)} className="h-9 w-28 rounded-md border border-slate-300 px-2" />
          </label>
        )}
        {kind === "rubric" && (
          <>
            <label className="flex min-w-72 flex-1 flex-col gap-1">
              <span>Rubric</span>
              <textarea value={rubric} onChange={(e) => setRubric(e.target.value)} rows={2} className="rounded-md border border-slate-300 p-1" />
            </label>
            <label className="flex flex-col gap-1">
              <span>Judge tier</span>
              <select value={tier} onChange={(e) => setTier(e.target.value as Tier)} className="h-9 rounded-md border border-slate-300 px-2">
                {TIERS.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
          </>
        )}
        {kind === "json-schema" && (
          <label className="flex min-w-72 flex-1 flex-col gap-1">
            <span>JSON Schema</span>
            <textarea value={schema} onChange={(e) => setSchema(e.target.value)} rows={3} className="rounded-md border border-slate-300 p-1 font-mono text-xs" />
          </label>
        )}
        <Button
          variant="secondary"
          onClick={() => {
            setError(null);
            const next = build();
            if (next) onSave(next);
          }}
        >
          Save grader
        </Button>
      </div>
      {kind === "rubric" && <p className="mt-2 text-xs text-slate-500">The judge&apos;s cost is shown apart from the graph&apos;s in experiment results.</p>}
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}

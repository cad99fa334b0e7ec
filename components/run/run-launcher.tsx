"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { GraphDocument } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { estimateRunCost, type RunEstimate } from "@/lib/engine/estimate";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { curlCommand } from "@/components/ui/curl";
import { Dialog } from "@/components/ui/dialog";
import { SimulatorBadge } from "@/components/ui/simulator-badge";
import { CollectionPicker } from "@/components/documents/collection-picker";
import { EstimateTable } from "./estimate-table";
import { checkLaunch } from "./launch-checks";
import { BudgetNote, RunBlockers } from "./launch-notices";
import { runApi, startRunPath, type StartRunRequest } from "./run-api";

/** Simulator paces offered when runs are simulated: speed-up factors (1 realistic, 0 instant). */
const PACES = [
  { value: "1", label: "Realistic pace" },
  { value: "3", label: "3× faster" },
  { value: "0", label: "Instant" },
] as const;

const ESTIMATE_DEBOUNCE_MS = 350;
const NO_PROBLEMS: readonly string[] = [];

/**
 * The Run control: a button opening a dialog that takes the task, an optional budget and the document collections to attach,
 * shows the cost estimate (per node and total, low–high) before anything is spent, says what is
 * wrong with the input and when the budget is below the estimate, starts the run and opens its
 * live view. Host it in the editor toolbar or on a run page ("Run again").
 */
export function RunLauncher({
  graphId,
  graph,
  simulated,
  label = "Run",
  initialInput = "",
  variant = "primary",
  beforeStart,
  problems = NO_PROBLEMS,
}: {
  graphId: string;
  graph: GraphDocument;
  simulated: boolean;
  label?: string;
  initialInput?: string;
  variant?: ButtonVariant;
  /** Runs just before the run starts (the editor saves here); a message it returns stops the start and is shown. */
  beforeStart?: () => Promise<string | null>;
  /** What keeps the graph from running: the dialog lists them, and Start run waits until they are fixed. */
  problems?: readonly string[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)} aria-haspopup="dialog">
        <svg aria-hidden viewBox="0 0 16 16" className="size-3.5 fill-current">
          <path d="M4 2.5v11l9-5.5z" />
        </svg>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Run this graph" className="max-w-xl">
        <LaunchForm
          graphId={graphId}
          graph={graph}
          simulated={simulated}
          initialInput={initialInput}
          beforeStart={beforeStart}
          problems={problems}
          onCancel={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function LaunchForm({
  graphId,
  graph,
  simulated,
  initialInput,
  beforeStart,
  problems,
  onCancel,
}: {
  graphId: string;
  graph: GraphDocument;
  simulated: boolean;
  initialInput: string;
  beforeStart?: () => Promise<string | null>;
  problems: readonly string[];
  onCancel: () => void;
}) {
  const router = useRouter();
  const ids = { task: useId(), taskError: useId(), budget: useId(), budgetHint: useId(), budgetNote: useId(), pace: useId(), problems: useId() };
  const taskRef = useRef<HTMLTextAreaElement>(null);
  const budgetRef = useRef<HTMLInputElement>(null);
  // The task's message waits for a start attempt (on blur it would shift Start run under the pointer); the budget's shows as it is typed.
  const [attempted, setAttempted] = useState(false);
  const [input, setInput] = useState(initialInput);
  const [budget, setBudget] = useState("");
  const [pace, setPace] = useState<string>(PACES[0].value);
  const [documents, setDocuments] = useState<string[]>([]);
  const [exact, setExact] = useState<{ input: string; documents: string; estimate: RunEstimate } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);

  // Instant, approximate token counts in the browser; the server's exact count replaces them when it arrives.
  const approx = useMemo(() => estimateRunCost(graph, input, DEFAULT_CATALOG, { simulated }), [graph, input, simulated]);
  // Keyed on the document's content: a host re-creating an equal graph object must not refetch.
  const graphJson = useMemo(() => JSON.stringify(graph), [graph]);
  // The server counts attached documents by their files' sizes; the browser cannot.
  const documentsKey = documents.join(",");
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const attached = documentsKey ? documentsKey.split(",") : [];
      const result = await runApi.estimate(graphId, input, JSON.parse(graphJson) as GraphDocument, attached, controller.signal);
      if (result.ok && !controller.signal.aborted) setExact({ input, documents: documentsKey, estimate: result.value });
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [graphId, graphJson, input, documentsKey]);
  const isExact = exact !== null && exact.input === input && exact.documents === documentsKey;
  const estimate = isExact ? exact.estimate : approx;

  const checks = checkLaunch(input, budget, estimate);
  const taskError = attempted ? checks.taskError : null;
  const budgetValue = checks.budgetUsd;
  const cannotRun = problems.length > 0;

  // The one body both "Start run" and "Copy as curl" send.
  const startRequest = (): StartRunRequest => ({
    input,
    ...(budgetValue !== undefined ? { budgetUsd: budgetValue } : {}),
    ...(documents.length > 0 ? { documents } : {}),
    ...(simulated ? { simulation: { speed: Number(pace) } } : {}),
  });
  const ready = !checks.taskError && !checks.budgetError;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (checks.taskError || checks.budgetError) {
      (checks.taskError ? taskRef : budgetRef).current?.focus();
      return;
    }
    if (cannotRun) return;
    setBusy(true);
    setError(null);
    const blocked = beforeStart ? await beforeStart() : null;
    if (blocked) {
      setBusy(false);
      setError({ message: blocked, problems: [] });
      return;
    }
    const result = await runApi.start(graphId, startRequest());
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    router.push(`/runs/${result.value.id}`);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div>
        <label htmlFor={ids.task} className="mb-1 block text-sm font-medium">
          Task
        </label>
        <textarea
          ref={taskRef}
          id={ids.task}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          rows={4}
          aria-required
          aria-invalid={taskError !== null}
          aria-describedby={taskError ? ids.taskError : undefined}
          autoFocus
          placeholder="What should the agents work on?"
          className="w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-sky-500 focus:outline-2 focus:outline-sky-200 aria-invalid:border-red-500"
        />
        {taskError && (
          <p id={ids.taskError} className="mt-1 text-xs text-red-700">
            {taskError}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor={ids.budget} className="mb-1 block text-sm font-medium">
            Budget <span className="font-normal text-slate-500">(optional, USD)</span>
          </label>
          <input
            ref={budgetRef}
            id={ids.budget}
            inputMode="decimal"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
            placeholder="e.g. 0.50"
            aria-invalid={checks.budgetError !== null}
            aria-describedby={`${ids.budgetHint}${checks.budgetError || checks.budgetWarning ? ` ${ids.budgetNote}` : ""}`}
            className="h-9 w-32 rounded-md border border-slate-300 px-3 text-sm aria-invalid:border-red-500"
          />
          <p id={ids.budgetHint} className="mt-1 text-xs text-slate-500">
            The run stops when it has spent this much.
          </p>
        </div>
        {simulated && (
          <div>
            <label htmlFor={ids.pace} className="mb-1 block text-sm font-medium">
              Simulator pace
            </label>
            <select id={ids.pace} value={pace} onChange={(e) => setPace(e.target.value)} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
              {PACES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <CollectionPicker selected={documents} onChange={setDocuments} />
      <BudgetNote id={ids.budgetNote} checks={checks} />
      {simulated && (
        <div className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
          <span className="shrink-0">
            <SimulatorBadge simulated />
          </span>
          <span>No API key is set: this run uses the built-in simulator. Token counts and prices are real; the answers are generated.</span>
        </div>
      )}
      {cannotRun && <RunBlockers summaryId={ids.problems} problems={problems} />}
      <EstimateTable estimate={estimate} exact={isExact} simulated={simulated} />
      {error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{error.message}</p>
          {error.problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {error.problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex items-center justify-end gap-2">
        <CopyButton
          className="mr-auto"
          label="Copy as curl"
          title="The request that starts this run, with $TIERFLOW_API_KEY for your key"
          disabled={!ready}
          text={() => curlCommand({ method: "POST", origin: window.location.origin, path: startRunPath(graphId), auth: { env: "TIERFLOW_API_KEY" }, body: startRequest() })}
        />
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy || cannotRun} aria-describedby={cannotRun ? ids.problems : undefined}>
          {busy ? "Starting…" : "Start run"}
        </Button>
      </div>
    </form>
  );
}

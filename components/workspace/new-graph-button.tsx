"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Dialog } from "@/components/ui/dialog";
import { graphApi } from "./graph-api";
import { GraphNameField } from "./graph-dialogs";
import { STARTERS, type Starter } from "./starter-graphs";

/** "New graph": asks for a name and a starting point (blank or a template), creates it and opens the editor. */
export function NewGraphButton({ variant = "primary" }: { variant?: "primary" | "secondary" }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <span aria-hidden className="text-base leading-none">+</span> New graph
      </Button>
      <NewGraphDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** The "New graph" dialog, opened on `starterId` when given (the empty graph list opens it on the template picked there). */
export function NewGraphDialog({ open, onClose, starterId }: { open: boolean; onClose: () => void; starterId?: string }) {
  return (
    <Dialog open={open} onClose={onClose} title="New graph" className="max-w-xl">
      <NewGraphForm initialStarterId={starterId ?? STARTERS[0].id} onCancel={onClose} />
    </Dialog>
  );
}

/** The name a starter suggests: a template's own name; a blank graph has none. */
const suggestedName = (starter: Starter) => (starter.id === STARTERS[0].id ? "" : starter.name);

function NewGraphForm({ initialStarterId, onCancel }: { initialStarterId: string; onCancel: () => void }) {
  const router = useRouter();
  const initial = STARTERS.find((candidate) => candidate.id === initialStarterId) ?? STARTERS[0];
  const [starterId, setStarterId] = useState(initial.id);
  const [name, setName] = useState(suggestedName(initial));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Picking a template fills in its name, unless the user already typed one of their own.
  const pick = (starter: Starter) => {
    const current = STARTERS.find((candidate) => candidate.id === starterId) ?? STARTERS[0];
    if (name.trim() === "" || name === suggestedName(current)) setName(suggestedName(starter));
    setStarterId(starter.id);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const starter = STARTERS.find((candidate) => candidate.id === starterId) ?? STARTERS[0];
    setBusy(true);
    setError(null);
    const result = await graphApi.create(name.trim(), starter.build());
    if (!result.ok) {
      setBusy(false);
      return setError(result.error.message);
    }
    router.push(`/graphs/${result.value.id}`);
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <GraphNameField value={name} onChange={setName} placeholder="e.g. Market research" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Start from</legend>
        <div className="mt-1 max-h-80 space-y-1.5 overflow-y-auto">
          {STARTERS.map((starter) => (
            <label
              key={starter.id}
              className={cx(
                "flex cursor-pointer gap-3 rounded-lg border p-3 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-600",
                starterId === starter.id ? "border-slate-900 bg-slate-50" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name="starter"
                value={starter.id}
                checked={starterId === starter.id}
                onChange={() => pick(starter)}
                className="mt-1"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">
                  {starter.name}{" "}
                  <span className="font-normal text-slate-500">
                    · {starter.nodeCount} {starter.nodeCount === 1 ? "node" : "nodes"}
                  </span>
                </span>
                <span className="mt-0.5 block text-xs leading-4 text-slate-600">{starter.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy || name.trim() === ""}>
          {busy ? "Creating…" : "Create graph"}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorText } from "@/components/ui/error-text";
import { graphApi, type GraphListItem } from "./graph-api";

/** Renames a graph. Only the name is sent, so nobody's edits to the graph itself are overwritten. */
export function GraphRenameDialog({ graph, onClose }: { graph: GraphListItem | null; onClose: () => void }) {
  return (
    <Dialog open={graph !== null} onClose={onClose} title="Rename graph">
      {graph && <RenameForm graph={graph} onClose={onClose} />}
    </Dialog>
  );
}

function RenameForm({ graph, onClose }: { graph: GraphListItem; onClose: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(graph.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await graphApi.update(graph.id, { name: name.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onClose();
    router.refresh();
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <GraphNameField value={name} onChange={setName} />
      <ErrorText message={error} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy || name.trim() === ""}>
          Save name
        </Button>
      </div>
    </form>
  );
}

/** Asks before deleting a graph: it cannot be undone. */
export function GraphDeleteDialog({ graph, onClose }: { graph: GraphListItem | null; onClose: () => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!graph) return;
    setBusy(true);
    const result = await graphApi.remove(graph.id);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    onClose();
    router.refresh();
  };

  return (
    <Dialog
      open={graph !== null}
      onClose={() => (setError(null), onClose())}
      title={`Delete “${graph?.name ?? ""}”?`}
      description="The graph is deleted for everyone in the workspace. This cannot be undone."
    >
      {error && (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" onClick={confirm} disabled={busy}>
          {busy ? "Deleting…" : "Delete graph"}
        </Button>
      </div>
    </Dialog>
  );
}

/** The graph name input of the create and rename dialogs. */
export function GraphNameField({ value, onChange, placeholder }: { value: string; onChange: (name: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Name
      </label>
      <input
        id={id}
        required
        autoFocus
        maxLength={120}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-sky-600 focus:ring-1 focus:ring-sky-600 focus:outline-none"
      />
    </div>
  );
}

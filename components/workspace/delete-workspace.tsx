"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorText } from "@/components/ui/error-text";
import { accountApi } from "./account-api";

/**
 * The owner's "Delete workspace": a dialog where its name must be typed before the button
 * works (the API checks the name again). Afterwards the app opens another of the owner's
 * workspaces, or asks them to create one when this was their only one.
 */
export function DeleteWorkspace({ name, onlyWorkspace }: { name: string; onlyWorkspace: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="delete-workspace-heading" className="space-y-3 rounded-lg border border-red-200 p-4">
      <h2 id="delete-workspace-heading" className="text-lg font-semibold text-red-800">
        Delete workspace
      </h2>
      <p className="text-sm text-slate-600">Deletes its graphs, runs and their traces, share links, API keys, invitations and provider key, for every member. This cannot be undone.</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete workspace…
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete “${name}”?`}
        description={
          onlyWorkspace
            ? "Everything in it is deleted for every member. It is your only workspace: you will be asked to create a new one."
            : "Everything in it is deleted for every member. You will continue in another of your workspaces."
        }
      >
        <ConfirmForm name={name} onCancel={() => setOpen(false)} />
      </Dialog>
    </section>
  );
}

function ConfirmForm({ name, onCancel }: { name: string; onCancel: () => void }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await accountApi.deleteWorkspace(typed);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    router.replace("/");
    router.refresh();
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <label className="block text-sm font-medium">
        Type <strong className="font-semibold">{name}</strong> to confirm
        <input
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600"
        />
      </label>
      <ErrorText message={error} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={busy || typed.trim() !== name}>
          {busy ? "Deleting…" : "Delete this workspace"}
        </Button>
      </div>
    </form>
  );
}

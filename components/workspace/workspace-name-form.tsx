"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ApiResult } from "./graph-api";

/**
 * A workspace name field with its submit button, for creating and renaming. `onSave`
 * calls the API; its error, if any, shows under the field.
 */
export function WorkspaceNameForm({
  initialName = "",
  submitLabel,
  busyLabel,
  onSave,
  onSaved,
}: {
  initialName?: string;
  submitLabel: string;
  busyLabel: string;
  onSave: (name: string) => Promise<ApiResult<unknown>>;
  onSaved: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const hydrated = useHydrated();

  // Read from the form, not from state: text typed before hydration still counts.
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setBusy(true);
    setError(null);
    setSaved(false);
    const result = await onSave(name.trim());
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setSaved(true);
    onSaved();
  };

  return (
    <form onSubmit={submit} className="space-y-3">
      <label className="block text-sm font-medium">
        Workspace name
        <input
          name="name"
          defaultValue={initialName}
          required
          maxLength={80}
          className="mt-1 block h-9 w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600"
        />
      </label>
      <ErrorText message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy || !hydrated}>
          {busy ? busyLabel : submitLabel}
        </Button>
        {saved && initialName !== "" && (
          <span role="status" className="text-sm text-emerald-700">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

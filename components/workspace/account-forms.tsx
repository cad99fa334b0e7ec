"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { useHydrated } from "@/components/ui/use-hydrated";
import { accountApi } from "./account-api";
import type { ApiResult } from "./graph-api";

const inputClass = "mt-1 block h-9 w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600";

/** A form that sends its fields to `save` and shows the error or `doneText` under them. */
function AccountForm({
  label,
  submitLabel,
  doneText,
  save,
  resetOnDone = false,
  children,
}: {
  label: string;
  submitLabel: string;
  doneText: string;
  save: (form: FormData) => Promise<ApiResult<unknown>>;
  /** Empty the fields once saved (passwords are not left on screen). */
  resetOnDone?: boolean;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    setDone(false);
    const result = await save(new FormData(form));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    if (resetOnDone) form.reset();
    setDone(true);
  };

  return (
    <form onSubmit={submit} aria-label={label} className="space-y-3">
      {children}
      <ErrorText message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy || !hydrated}>
          {busy ? "Saving…" : submitLabel}
        </Button>
        {done && (
          <span role="status" className="text-sm text-emerald-700">
            {doneText}
          </span>
        )}
      </div>
    </form>
  );
}

/** The display name shown to teammates; the header picks the new one up on refresh. */
export function DisplayNameForm({ name }: { name: string }) {
  const router = useRouter();
  return (
    <AccountForm
      label="Display name"
      submitLabel="Save name"
      doneText="Name saved."
      save={async (form) => {
        const result = await accountApi.changeName(String(form.get("name") ?? "").trim());
        if (result.ok) router.refresh();
        return result;
      }}
    >
      <label className="block text-sm font-medium">
        Name
        <input name="name" defaultValue={name} required maxLength={100} autoComplete="name" className={inputClass} />
      </label>
    </AccountForm>
  );
}

/** Password change: the current password, then the new one twice. Other browsers are signed out. */
export function PasswordForm() {
  return (
    <AccountForm
      resetOnDone
      label="Change password"
      submitLabel="Change password"
      doneText="Password changed. You were signed out everywhere else."
      save={async (form) => {
        const next = String(form.get("newPassword") ?? "");
        if (next !== form.get("confirmPassword")) {
          return { ok: false, error: { status: 0, code: "mismatch", message: "The new passwords do not match." } };
        }
        return accountApi.changePassword(String(form.get("currentPassword") ?? ""), next);
      }}
    >
      <label className="block text-sm font-medium">
        Current password
        <input name="currentPassword" type="password" required autoComplete="current-password" className={inputClass} />
      </label>
      <label className="block text-sm font-medium">
        New password
        <input name="newPassword" type="password" required minLength={8} maxLength={128} autoComplete="new-password" className={inputClass} />
      </label>
      <label className="block text-sm font-medium">
        Confirm new password
        <input name="confirmPassword" type="password" required minLength={8} maxLength={128} autoComplete="new-password" className={inputClass} />
      </label>
    </AccountForm>
  );
}

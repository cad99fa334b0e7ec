"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Mode = "sign-in" | "sign-up";

const COPY: Record<Mode, { title: string; submit: string; busy: string; endpoint: string }> = {
  "sign-in": { title: "Sign in to Tierflow", submit: "Sign in", busy: "Signing in…", endpoint: "/api/auth/sign-in/email" },
  "sign-up": { title: "Create your Tierflow account", submit: "Create account", busy: "Creating account…", endpoint: "/api/auth/sign-up/email" },
};

/** better-auth's answers, in words that say what to do next. */
function errorMessage(mode: Mode, status: number, body: { code?: string; message?: string } | null): string {
  // The per-account back-off says how long to wait; the per-address limit is a minute.
  if (status === 429) return body?.code === "TOO_MANY_FAILED_SIGN_INS" && body.message ? body.message : "Too many attempts. Wait a minute, then try again.";
  if (body?.code === "INVALID_EMAIL_OR_PASSWORD") return "That email and password do not match an account.";
  if (body?.code?.startsWith("USER_ALREADY_EXISTS")) return "An account with this email already exists. Sign in instead.";
  if (body?.code === "PASSWORD_TOO_SHORT") return "Use a password of at least 8 characters.";
  if (body?.message) return body.message;
  return mode === "sign-in" ? `Could not sign in (the server answered ${status}).` : `Could not create the account (the server answered ${status}).`;
}

const inputClass =
  "mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600";

/** The sign-in and sign-up form; on success it loads `next` (already checked to be a path on this site). */
export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const copy = COPY[mode];
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries(["name", "email", "password"].filter((key) => form.has(key)).map((key) => [key, String(form.get(key))]));
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(copy.endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (response.ok) {
        // A full load, so every server page sees the new session.
        window.location.assign(next);
        return;
      }
      setError(errorMessage(mode, response.status, await response.json().catch(() => null)));
    } catch {
      setError("Could not reach the server. Check your connection.");
    }
    setBusy(false);
  };

  const other = mode === "sign-in" ? { href: "/sign-up", text: "No account yet?", link: "Create one" } : { href: "/sign-in", text: "Already have an account?", link: "Sign in" };
  const nextQuery = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;

  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-5 py-10">
      <Link href="/" className="mb-8 flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
          Tf
        </span>
        Tierflow
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{copy.title}</h1>
      <form onSubmit={submit} aria-describedby={error ? errorId : undefined} className="mt-6 space-y-4">
        {mode === "sign-up" && (
          <label className="block text-sm font-medium">
            Name
            <input name="name" required maxLength={100} autoComplete="name" className={inputClass} />
          </label>
        )}
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" required autoComplete="email" className={inputClass} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            required
            minLength={mode === "sign-up" ? 8 : undefined}
            maxLength={128}
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            className={inputClass}
          />
        </label>
        {error && (
          <p id={errorId} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={busy || !hydrated}>
          {busy ? copy.busy : copy.submit}
        </Button>
      </form>
      <p className="mt-6 text-sm text-slate-600">
        {other.text}{" "}
        <Link href={`${other.href}${nextQuery}`} className="font-medium text-slate-900 underline">
          {other.link}
        </Link>
      </p>
    </main>
  );
}

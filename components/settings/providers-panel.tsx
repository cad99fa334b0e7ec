"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/models/providers";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { settingsApi, type ConnectionCheck, type ProviderSummary } from "./settings-api";

export const inputClass =
  "block h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600 disabled:bg-slate-50 disabled:text-slate-500";

const KINDS = Object.entries(PROVIDER_KINDS) as [ProviderKind, (typeof PROVIDER_KINDS)[ProviderKind]][];

/** What a connection check found, in one line: the models, or the provider's exact error. */
function checkText(check: ConnectionCheck): string {
  if (!check.ok) return check.error ?? "The connection failed.";
  return `Connected: ${check.models.length} model${check.models.length === 1 ? "" : "s"} (${check.models.slice(0, 8).join(", ")}${check.models.length > 8 ? ", …" : ""}).`;
}

/** A field problem the API named by path, if any. */
function fieldProblem(details: unknown, field: string): string | null {
  if (!Array.isArray(details)) return null;
  const issue = details.find((d): d is { path: unknown[]; message: string } => Array.isArray(d?.path) && d.path[0] === field && typeof d.message === "string");
  return issue?.message ?? null;
}

/**
 * The workspace's providers: the simulator (always there, labelled simulated), the server's
 * `OPENAI_API_KEY` one if set, and its own. Owners add, test and remove; others read.
 */
export function ProvidersPanel({ providers, canEdit }: { providers: ProviderSummary[]; canEdit: boolean }) {
  return (
    <section aria-labelledby="providers-heading" className="space-y-4">
      <h2 id="providers-heading" className="text-lg font-semibold">
        Providers
      </h2>
      <ul className="space-y-2">
        {providers.map((provider) => (
          <ProviderItem key={provider.id} provider={provider} canEdit={canEdit} />
        ))}
      </ul>
      {canEdit ? <AddProviderForm /> : <p className="text-sm text-slate-600">Only owners of the workspace add or change providers.</p>}
    </section>
  );
}

function ProviderItem({ provider, canEdit }: { provider: ProviderSummary; canEdit: boolean }) {
  const router = useRouter();
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = provider.baseUrl ?? provider.defaultBaseUrl;

  const test = async () => {
    setBusy(true);
    setError(null);
    const result = await settingsApi.testProvider(provider.id);
    setBusy(false);
    if (result.ok) setCheck(result.value);
    else setError(result.error.message);
  };
  const remove = async () => {
    setBusy(true);
    const result = await settingsApi.deleteProvider(provider.id);
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(result.error.message);
  };

  return (
    <li aria-label={provider.name} className="rounded-lg border border-slate-200 bg-white px-3 py-2.5">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">{provider.name}</span>
        <span className="text-xs text-slate-500">{provider.kindLabel}</span>
        {provider.isDefault && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">Default</span>}
        {provider.simulated && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800">Simulated</span>}
        {canEdit && (
          <span className="ml-auto flex gap-2">
            <Button variant="ghost" disabled={busy} onClick={() => void test()} aria-label={`Test connection to ${provider.name}`}>
              {busy ? "Testing…" : "Test connection"}
            </Button>
            {!provider.builtIn && (
              <Button variant="ghost" disabled={busy} onClick={() => void remove()} aria-label={`Remove ${provider.name}`}>
                Remove
              </Button>
            )}
          </span>
        )}
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        {url && <span className="font-mono">{url}</span>}
        {provider.hasKey && <span className="ml-2 font-mono">key •••• {provider.keyLast4}</span>}
      </p>
      {check && (
        <p role={check.ok ? "status" : "alert"} className={check.ok ? "mt-1 text-sm text-emerald-700" : "mt-1 text-sm text-red-700"}>
          {checkText(check)}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </li>
  );
}

function AddProviderForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ProviderKind>("openai");
  const [baseUrl, setBaseUrl] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [baseUrlError, setBaseUrlError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setBaseUrlError(null);
    setOutcome(null);
    const result = await settingsApi.createProvider({ name: name.trim(), kind, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}), ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) });
    setBusy(false);
    setApiKey(""); // the key leaves the page as soon as the server has it
    if (!result.ok) {
      const problem = fieldProblem(result.error.details, "baseUrl");
      setBaseUrlError(problem);
      return setError(problem === result.error.message ? null : result.error.message);
    }
    const { check } = result.value;
    // A provider that does not answer is saved, but the owner hears why instead of "Saved.".
    setOutcome(check.ok ? { ok: true, text: `Saved. ${checkText(check)}` } : { ok: false, text: `Saved, but the connection test failed: ${checkText(check)}` });
    setName("");
    setBaseUrl("");
    router.refresh();
  };

  const info = PROVIDER_KINDS[kind];
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="add-provider-heading" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <h3 id="add-provider-heading" className="text-sm font-semibold">
        Add a provider
      </h3>
      <fieldset disabled={busy} className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="Local Ollama" className={`${inputClass} mt-1`} />
        </label>
        <label className="block text-sm font-medium">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as ProviderKind)} className={`${inputClass} mt-1`}>
            {KINDS.map(([value, k]) => (
              <option key={value} value={value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <div>
          <label htmlFor="new-provider-base-url" className="block text-sm font-medium">
            Base URL
          </label>
          <input
            id="new-provider-base-url"
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder={info.defaultBaseUrl ?? "https://…/v1"}
            aria-invalid={baseUrlError ? true : undefined}
            aria-describedby={baseUrlError ? "new-provider-base-url-error" : undefined}
            className={`${inputClass} mt-1`}
          />
          {baseUrlError && (
            <p id="new-provider-base-url-error" role="alert" className="mt-1 text-sm text-red-700">
              {baseUrlError}
            </p>
          )}
        </div>
        <label className="block text-sm font-medium">
          API key
          <input type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder={info.keyRequired ? "Required" : "Optional"} className={`${inputClass} mt-1`} />
        </label>
      </fieldset>
      <p className="text-xs text-slate-500">
        Keys are stored encrypted; afterwards only their last four characters are shown. Addresses on the server&apos;s own network (localhost, 10.x, 192.168.x…) are refused unless your
        operator allows them with TIERFLOW_OUTBOUND_ALLOW_HOSTS.
      </p>
      <ErrorText message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving and testing…" : "Add provider"}
        </Button>
        {outcome && (
          <span role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm text-emerald-700" : "text-sm text-amber-800"}>
            {outcome.text}
          </span>
        )}
      </div>
    </form>
  );
}

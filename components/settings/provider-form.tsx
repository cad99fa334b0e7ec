"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { overridesFromRows, rowsFromOverrides, type TierRow } from "./catalog-rows";
import { settingsApi, type ProviderSettings, type ProviderUpdate } from "./settings-api";

const inputClass =
  "block h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600 disabled:bg-slate-50 disabled:text-slate-500";

const SOURCE_TEXT: Record<ProviderSettings["source"], string> = {
  workspace: "Runs use this workspace's key.",
  env: "Runs use the server's OPENAI_API_KEY until this workspace sets its own key.",
  simulator: "No key is set: runs use Tierflow's built-in model simulator.",
};

const PRICE_FIELDS = [
  { field: "input", label: "input" },
  { field: "cachedInput", label: "cached input" },
  { field: "output", label: "output" },
] as const;

/** What the API said about the base URL field (a refused address, a malformed URL), if anything. */
function baseUrlProblem(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const issue = details.find(
    (detail): detail is { path: unknown[]; message: string } => Array.isArray(detail?.path) && detail.path[0] === "baseUrl" && typeof detail.message === "string",
  );
  return issue?.message ?? null;
}

/**
 * Where the workspace's runs send model calls, and what each tier runs and costs. Owners
 * edit; others read. The key is write-only: the server answers with its last four characters.
 */
export function ProviderForm({ initial, canEdit }: { initial: ProviderSettings; canEdit: boolean }) {
  const router = useRouter();
  const [settings, setSettings] = useState(initial);
  const [apiKey, setApiKey] = useState("");
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl ?? "");
  const [rows, setRows] = useState<TierRow[]>(() => rowsFromOverrides(initial.catalog));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [baseUrlError, setBaseUrlError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const save = async (update: ProviderUpdate, message: string) => {
    setBusy(true);
    setError(null);
    setBaseUrlError(null);
    setSaved(null);
    const result = await settingsApi.updateProvider(update);
    setBusy(false);
    if (!result.ok) {
      const fieldProblem = baseUrlProblem(result.error.details);
      setBaseUrlError(fieldProblem);
      // Said once, beside the field, when the whole error is about it.
      return setError(fieldProblem === result.error.message ? null : result.error.message);
    }
    setSettings(result.value);
    setApiKey(""); // the key leaves the page as soon as the server has it
    setBaseUrl(result.value.baseUrl ?? "");
    setRows(rowsFromOverrides(result.value.catalog));
    setSaved(message);
    router.refresh(); // the header's simulator badge follows the key
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let catalog;
    try {
      catalog = overridesFromRows(rows, settings.catalog);
    } catch (problem) {
      return setError(problem instanceof Error ? problem.message : String(problem));
    }
    void save({ apiKey: apiKey.trim(), baseUrl: baseUrl.trim(), catalog }, "Saved.");
  };

  const setCell = (index: number, field: keyof Omit<TierRow, "tier">, value: string) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, [field]: value } : row)));

  return (
    <form onSubmit={submit} className="space-y-6">
      <p role="status" className="text-sm text-slate-700">
        {SOURCE_TEXT[settings.source]}
      </p>
      <fieldset disabled={!canEdit || busy} className="space-y-4">
        <legend className="sr-only">Provider</legend>
        <div>
          <label htmlFor="provider-key" className="block text-sm font-medium">
            OpenAI API key
          </label>
          <div className="mt-1 flex max-w-xl items-center gap-2">
            <input
              id="provider-key"
              type="password"
              autoComplete="off"
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
              placeholder={settings.hasKey ? "Leave blank to keep the current key" : "sk-…"}
              aria-describedby="provider-key-help"
              className={inputClass}
            />
            {settings.hasKey && canEdit && (
              <Button variant="ghost" onClick={() => void save({ clearKey: true }, "Key removed.")}>
                Remove key
              </Button>
            )}
          </div>
          <p id="provider-key-help" className="mt-1 text-xs text-slate-500">
            {settings.hasKey ? (
              <>
                Current key: <span className="font-mono">•••• {settings.keyLast4}</span>. Stored encrypted; it is never shown again.
              </>
            ) : (
              "Stored encrypted; after saving only its last four characters are shown."
            )}
          </p>
        </div>
        <div>
          <label htmlFor="provider-base-url" className="block text-sm font-medium">
            Base URL
          </label>
          <input
            id="provider-base-url"
            type="url"
            value={baseUrl}
            onChange={(event) => {
              setBaseUrl(event.target.value);
              setBaseUrlError(null);
            }}
            placeholder="https://api.openai.com/v1"
            aria-invalid={baseUrlError ? true : undefined}
            aria-describedby={baseUrlError ? "provider-base-url-error provider-base-url-help" : "provider-base-url-help"}
            className={`${inputClass} mt-1 max-w-xl`}
          />
          {baseUrlError && (
            <p id="provider-base-url-error" role="alert" className="mt-1 text-sm text-red-700">
              {baseUrlError}
            </p>
          )}
          <p id="provider-base-url-help" className="mt-1 text-xs text-slate-500">
            Any OpenAI-compatible server (Azure, OpenRouter, vLLM, Ollama…). Used with this workspace&apos;s key; blank means OpenAI.
            Addresses on the server&apos;s own network (localhost, 10.x, 192.168.x…) are refused unless your operator allows them.
          </p>
        </div>
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left text-sm font-medium">Models and prices per tier (USD per 1M tokens)</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-2 font-medium">Tier</th>
              <th scope="col" className="py-2 pr-2 font-medium">Model</th>
              <th scope="col" className="py-2 pr-2 font-medium">Input</th>
              <th scope="col" className="py-2 pr-2 font-medium">Cached input</th>
              <th scope="col" className="py-2 font-medium">Output</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.tier}>
                <th scope="row" className="py-1.5 pr-2 font-medium capitalize">{row.tier}</th>
                <td className="py-1.5 pr-2">
                  <input aria-label={`${row.tier} model`} value={row.model} onChange={(event) => setCell(index, "model", event.target.value)} className={inputClass} />
                </td>
                {PRICE_FIELDS.map(({ field, label }) => (
                  <td key={field} className="w-28 py-1.5 pr-2">
                    <input
                      aria-label={`${row.tier} ${label} price`}
                      inputMode="decimal"
                      value={row[field]}
                      onChange={(event) => setCell(index, field, event.target.value)}
                      placeholder="unpriced"
                      className={inputClass}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-500">A model with no prices shows its cost as unpriced, never as $0. Cached input defaults to the input price.</p>
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? "Saving…" : "Save provider settings"}
          </Button>
          {saved && <span className="text-sm text-emerald-700">{saved}</span>}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Only owners of the workspace change the provider.</p>
      )}
    </form>
  );
}

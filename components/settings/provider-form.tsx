"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { overridesFromRows, pricesFor, rowsFromOverrides, type TierRow } from "./catalog-rows";
import { inputClass } from "./providers-panel";
import { settingsApi, type ProviderSettings, type ProviderSummary } from "./settings-api";

const SOURCE_TEXT: Record<ProviderSettings["source"], string> = {
  workspace: "Models that name no provider go to this workspace's default provider.",
  env: "Models that name no provider go to the server's OPENAI_API_KEY.",
  simulator: "Models that name no provider go to Tierflow's built-in model simulator.",
};

const PRICE_FIELDS = [
  { field: "input", label: "input" },
  { field: "cachedInput", label: "cached input" },
  { field: "output", label: "output" },
] as const;

const DEFAULT_PROVIDER = "";

/** The provider a row's model goes to, by name, for reading. */
function providerName(row: TierRow, providers: readonly ProviderSummary[]): string {
  const chosen = row.provider ? providers.find((p) => p.id === row.provider) : providers.find((p) => p.isDefault);
  return chosen?.name ?? "Unknown provider";
}

/**
 * What each tier runs: a model, the provider that serves it, and its prices. Owners edit;
 * editors and viewers read the same table as text.
 */
export function ProviderForm({ initial, canEdit }: { initial: ProviderSettings; canEdit: boolean }) {
  const router = useRouter();
  const [settings, setSettings] = useState(initial);
  const [rows, setRows] = useState<TierRow[]>(() => rowsFromOverrides(initial.catalog));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    let catalog;
    try {
      catalog = overridesFromRows(rows, settings.catalog);
    } catch (problem) {
      return setError(problem instanceof Error ? problem.message : String(problem));
    }
    setBusy(true);
    const result = await settingsApi.updateCatalog(catalog);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setSettings(result.value);
    setRows(rowsFromOverrides(result.value.catalog));
    setSaved("Saved.");
    router.refresh();
  };

  const setCell = (index: number, field: keyof Omit<TierRow, "tier">, value: string) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  // Another model brings its own prices (blank, so unpriced, for one the catalog does not price), never the last model's.
  const changeModel = (index: number, model: string) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, model, ...pricesFor(model.trim(), settings.catalog) } : row)));
  const providers = initial.providers;

  if (!canEdit) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">{SOURCE_TEXT[settings.source]}</p>
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left text-sm font-medium">Models, providers and prices per tier (USD per 1M tokens)</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              {["Tier", "Model", "Provider", "Input", "Cached input", "Output"].map((h) => (
                <th key={h} scope="col" className="py-2 pr-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.tier}>
                <th scope="row" className="py-1.5 pr-2 font-medium capitalize">{row.tier}</th>
                <td className="py-1.5 pr-2 font-mono">{row.model}</td>
                <td className="py-1.5 pr-2">{providerName(row, providers)}</td>
                {PRICE_FIELDS.map(({ field }) => (
                  <td key={field} className="py-1.5 pr-2 tabular-nums">
                    {row[field] === "" ? <span className="text-amber-700">unpriced</span> : `$${row[field]}`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm text-slate-600">Only owners of the workspace change the tiers and providers.</p>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4">
      <p role="status" className="text-sm text-slate-700">
        {SOURCE_TEXT[settings.source]}
      </p>
      <fieldset disabled={busy}>
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left text-sm font-medium">Models, providers and prices per tier (USD per 1M tokens)</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              {["Tier", "Model", "Provider", "Input", "Cached input", "Output"].map((h) => (
                <th key={h} scope="col" className="py-2 pr-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.tier}>
                <th scope="row" className="py-1.5 pr-2 font-medium capitalize">{row.tier}</th>
                <td className="py-1.5 pr-2">
                  <input aria-label={`${row.tier} model`} value={row.model} onChange={(event) => changeModel(index, event.target.value)} className={inputClass} />
                </td>
                <td className="py-1.5 pr-2">
                  <select aria-label={`${row.tier} provider`} value={row.provider ?? DEFAULT_PROVIDER} onChange={(event) => setCell(index, "provider", event.target.value)} className={inputClass}>
                    <option value={DEFAULT_PROVIDER}>Default ({providers.find((p) => p.isDefault)?.name ?? "Simulator"})</option>
                    {providers
                      .filter((p) => !p.isDefault)
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                  </select>
                </td>
                {PRICE_FIELDS.map(({ field, label }) => (
                  <td key={field} className="w-24 py-1.5 pr-2">
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
      </fieldset>
      <p className="text-xs text-slate-500">
        A model with no prices shows its cost as unpriced, never as $0. Cached input defaults to the input price. A node may still override its model in the inspector.
      </p>
      <ErrorText message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : "Save tiers"}
        </Button>
        {saved && <span className="text-sm text-emerald-700">{saved}</span>}
      </div>
    </form>
  );
}

"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { keptSecretLines, parsePairs } from "./mcp-server-form";
import { settingsApi, type CreateHttpToolInput, type HttpToolSummary } from "./settings-api";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const EXAMPLE_SCHEMA = '{\n  "type": "object",\n  "properties": { "orderId": { "type": "string" } },\n  "required": ["orderId"]\n}';

/** The field problems of a 422, as `path: message` lines. */
function issuesOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: { path?: unknown; message?: unknown }) =>
    Array.isArray(d?.path) && typeof d.message === "string" ? [`${d.path.join(".")}: ${d.message}`] : [],
  );
}

/**
 * Adds an HTTP tool, or changes `tool`; the server checks the schema, the placeholders and the
 * address. When changing, the stored headers appear with empty values, which keep them.
 */
function HttpToolForm({ tool, onSaved, onCancel }: { tool?: HttpToolSummary; onSaved: (tool: HttpToolSummary) => void; onCancel?: () => void }) {
  const headingId = useId();
  const [name, setName] = useState(tool?.name ?? "");
  const [description, setDescription] = useState(tool?.description ?? "");
  const [method, setMethod] = useState<(typeof METHODS)[number]>(tool?.method ?? "GET");
  const [urlTemplate, setUrlTemplate] = useState(tool?.urlTemplate ?? "");
  const [parameters, setParameters] = useState(tool ? JSON.stringify(tool.parameters, null, 2) : EXAMPLE_SCHEMA);
  const [headers, setHeaders] = useState(tool ? keptSecretLines(tool.headerNames, ":") : "");
  const [timeout, setTimeoutSeconds] = useState(String((tool?.timeoutMs ?? 15_000) / 1000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const pairs = parsePairs(headers, ":");
    if (typeof pairs === "string") return setError(pairs);
    let schema: unknown;
    try {
      schema = JSON.parse(parameters);
    } catch {
      return setError("The parameters are not valid JSON.");
    }
    const body: CreateHttpToolInput = {
      name: name.trim(),
      description: description.trim(),
      method,
      urlTemplate: urlTemplate.trim(),
      parameters: schema as Record<string, unknown>,
      headers: pairs,
      timeoutMs: Math.round(Number(timeout) * 1000),
    };
    setBusy(true);
    const result = tool ? await settingsApi.updateHttpTool(tool.id, body) : await settingsApi.createHttpTool(body);
    setBusy(false);
    if (!result.ok) return setError([result.error.message, ...issuesOf(result.error.details)].join(" "));
    onSaved(result.value);
    if (tool) return;
    setName("");
    setDescription("");
    setUrlTemplate("");
    setHeaders("");
  };

  return (
    <form onSubmit={submit} aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-base font-semibold">
        {tool ? `Edit ${tool.name}` : "Add an HTTP tool"}
      </h2>
      <label className="block text-sm font-medium">
        Tool name <span className="font-normal text-slate-500">(what the model calls: letters, digits, _ and -)</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} pattern="[A-Za-z0-9_\-]+" className={`${inputClass} font-mono`} />
      </label>
      <label className="block text-sm font-medium">
        Description <span className="font-normal text-slate-500">(what the model reads to decide when to call it)</span>
        <input value={description} onChange={(e) => setDescription(e.target.value)} required maxLength={2000} className={inputClass} />
      </label>
      <div className="flex gap-3">
        <label className="block text-sm font-medium">
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])} className={inputClass}>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="block grow text-sm font-medium">
          URL template
          <input
            value={urlTemplate}
            onChange={(e) => setUrlTemplate(e.target.value)}
            required
            placeholder="https://api.example.com/orders/{orderId}"
            className={`${inputClass} font-mono`}
          />
        </label>
      </div>
      <p className="text-xs text-slate-600">
        Each {"{name}"} is filled, URL-encoded, from the argument of that name. The other arguments go to the query string for GET and DELETE,
        and to a JSON body otherwise.
      </p>
      <label className="block text-sm font-medium">
        Parameters <span className="font-normal text-slate-500">(a JSON Schema with &quot;type&quot;: &quot;object&quot;)</span>
        <textarea value={parameters} onChange={(e) => setParameters(e.target.value)} rows={5} className={`${inputClass} font-mono`} />
      </label>
      <label className="block text-sm font-medium">
        Headers <span className="font-normal text-slate-500">(one per line, e.g. Authorization: Bearer …; stored encrypted, never shown again
          {tool ? "; leave a value empty to keep it" : ""})</span>
        <textarea value={headers} onChange={(e) => setHeaders(e.target.value)} rows={2} className={`${inputClass} font-mono`} />
      </label>
      <label className="block text-sm font-medium">
        Time limit per call (seconds)
        <input type="number" min={1} max={120} value={timeout} onChange={(e) => setTimeoutSeconds(e.target.value)} className={`${inputClass} w-32`} />
      </label>
      <ErrorText message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : tool ? "Save changes" : "Add HTTP tool"}
        </Button>
        {onCancel && (
          <Button type="button" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** The workspace's HTTP tools; owners also get add, edit and remove. Header values are never shown, only their names. */
export function HttpToolsPanel({ initialTools, canManage }: { initialTools: HttpToolSummary[]; canManage: boolean }) {
  const [tools, setTools] = useState(initialTools);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const replace = (tool: HttpToolSummary) => setTools((all) => [...all.filter((t) => t.id !== tool.id), tool].sort((a, b) => a.name.localeCompare(b.name)));

  const remove = async (tool: HttpToolSummary) => {
    setError(null);
    const result = await settingsApi.deleteHttpTool(tool.id);
    if (!result.ok) return setError(result.error.message);
    setTools((all) => all.filter((t) => t.id !== tool.id));
  };

  return (
    <section aria-labelledby="http-tools-heading" className="space-y-4">
      <h2 id="http-tools-heading" className="text-lg font-semibold">
        HTTP tools
      </h2>
      <ErrorText message={error} />
      {tools.length === 0 ? (
        <p className="text-sm text-slate-600">No HTTP tools yet.</p>
      ) : (
        <ul aria-label="HTTP tools" className="space-y-2">
          {tools.map((tool) =>
            editing === tool.id ? (
              <li key={tool.id}>
                <HttpToolForm
                  tool={tool}
                  onSaved={(saved) => {
                    replace(saved);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={tool.id} aria-label={tool.name} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-mono font-medium">{tool.name}</p>
                    <p className="break-all font-mono text-xs text-slate-600">
                      {tool.method} {tool.urlTemplate}
                    </p>
                    <p className="mt-1 text-slate-700">{tool.description}</p>
                    {tool.headerNames.length > 0 && <p className="mt-1 text-xs text-slate-500">Headers: {tool.headerNames.join(", ")} (values hidden)</p>}
                  </div>
                  {canManage && (
                    <div className="flex gap-1">
                      <Button type="button" onClick={() => setEditing(tool.id)} aria-label={`Edit ${tool.name}`}>
                        Edit
                      </Button>
                      <Button type="button" onClick={() => remove(tool)} aria-label={`Remove ${tool.name}`}>
                        Remove
                      </Button>
                    </div>
                  )}
                </div>
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-slate-600">Parameters</summary>
                  <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(tool.parameters, null, 2)}</pre>
                </details>
              </li>
            ),
          )}
        </ul>
      )}
      {canManage && <HttpToolForm onSaved={replace} />}
    </section>
  );
}

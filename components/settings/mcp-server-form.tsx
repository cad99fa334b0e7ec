"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { settingsApi, type CreateMcpServerInput, type McpServerSummary } from "./settings-api";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600";

/** `Name: value` (headers) or `NAME=value` (env) lines into an object; blank lines are skipped. */
export function parsePairs(text: string, separator: ":" | "="): Record<string, string> | string {
  const pairs: Record<string, string> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(separator);
    if (at <= 0) return `"${line}" is not of the form name${separator === ":" ? ": " : "="}value`;
    pairs[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return pairs;
}

/** The stored secrets' names as form lines with empty values: a line left so keeps its value. */
export function keptSecretLines(names: readonly string[], separator: ":" | "="): string {
  return names.map((name) => `${name}${separator}${separator === ":" ? " " : ""}`).join("\n");
}

/**
 * Adds an MCP server, or changes `server`: Tierflow connects at once and shows its tools, or
 * the error. When changing, the stored headers or env appear with empty values, which keep them.
 */
export function McpServerForm({ server, onSaved, onCancel }: { server?: McpServerSummary; onSaved: (server: McpServerSummary) => void; onCancel?: () => void }) {
  const headingId = useId();
  const secretLines = (type: "http" | "stdio") => (server?.transport === type ? keptSecretLines(server.secretNames, type === "http" ? ":" : "=") : "");
  const [transport, setTransport] = useState<"http" | "stdio">(server?.transport ?? "http");
  const [name, setName] = useState(server?.name ?? "");
  const [url, setUrl] = useState(server?.url ?? "");
  const [headers, setHeaders] = useState(secretLines("http"));
  const [command, setCommand] = useState(server?.command ?? "");
  const [args, setArgs] = useState(server?.args.join("\n") ?? "");
  const [env, setEnv] = useState(secretLines("stdio"));
  const [timeout, setTimeoutSeconds] = useState(String((server?.timeoutMs ?? 60_000) / 1000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const secrets = transport === "http" ? parsePairs(headers, ":") : parsePairs(env, "=");
    if (typeof secrets === "string") return setError(secrets);
    const body: CreateMcpServerInput = {
      name: name.trim(),
      timeoutMs: Math.round(Number(timeout) * 1000),
      transport:
        transport === "http"
          ? { type: "http", url: url.trim(), headers: secrets }
          : { type: "stdio", command: command.trim(), args: args.split("\n").map((a) => a.trim()).filter(Boolean), env: secrets },
    };
    setBusy(true);
    const result = server ? await settingsApi.updateMcpServer(server.id, body) : await settingsApi.createMcpServer(body);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onSaved(result.value);
    if (server) return;
    setName("");
    setUrl("");
    setHeaders("");
    setCommand("");
    setArgs("");
    setEnv("");
  };

  return (
    <form onSubmit={submit} aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-base font-semibold">
        {server ? `Edit ${server.name}` : "Add an MCP server"}
      </h2>
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Transport</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="transport" checked={transport === "http"} onChange={() => setTransport("http")} /> Streamable HTTP
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="transport" checked={transport === "stdio"} onChange={() => setTransport("stdio")} /> stdio (local process)
        </label>
      </fieldset>
      <label className="block text-sm font-medium">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} className={inputClass} />
      </label>
      {transport === "http" ? (
        <>
          <label className="block text-sm font-medium">
            URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://mcp.example.com/mcp" className={inputClass} />
          </label>
          <label className="block text-sm font-medium">
            Headers <span className="font-normal text-slate-500">(one per line, e.g. Authorization: Bearer …; stored encrypted, never shown again
              {server ? "; leave a value empty to keep it" : ""})</span>
            <textarea value={headers} onChange={(e) => setHeaders(e.target.value)} rows={2} className={`${inputClass} font-mono`} />
          </label>
        </>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            A stdio server runs as a process on the Tierflow server with its privileges; the operator must allow it with TIERFLOW_MCP_STDIO.
          </p>
          <label className="block text-sm font-medium">
            Command
            <input value={command} onChange={(e) => setCommand(e.target.value)} required className={`${inputClass} font-mono`} />
          </label>
          <label className="block text-sm font-medium">
            Arguments <span className="font-normal text-slate-500">(one per line)</span>
            <textarea value={args} onChange={(e) => setArgs(e.target.value)} rows={2} className={`${inputClass} font-mono`} />
          </label>
          <label className="block text-sm font-medium">
            Environment <span className="font-normal text-slate-500">(NAME=value per line; stored encrypted, never shown again
              {server ? "; leave a value empty to keep it" : ""})</span>
            <textarea value={env} onChange={(e) => setEnv(e.target.value)} rows={2} className={`${inputClass} font-mono`} />
          </label>
        </>
      )}
      <label className="block text-sm font-medium">
        Time limit per call (seconds)
        <input type="number" min={1} max={600} value={timeout} onChange={(e) => setTimeoutSeconds(e.target.value)} className={`${inputClass} w-32`} />
      </label>
      <ErrorText message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Connecting…" : server ? "Save changes" : "Add server"}
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

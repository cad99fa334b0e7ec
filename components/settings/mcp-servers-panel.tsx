"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorText } from "@/components/ui/error-text";
import { McpServerForm } from "./mcp-server-form";
import { settingsApi, type McpServerSummary } from "./settings-api";

const byName = (a: McpServerSummary, b: McpServerSummary) => a.name.localeCompare(b.name);

/** The workspace's MCP servers with their status and tools; owners also get add, refresh, edit and remove. */
export function McpServersPanel({ initialServers, canManage }: { initialServers: McpServerSummary[]; canManage: boolean }) {
  const [servers, setServers] = useState(initialServers);
  const [removing, setRemoving] = useState<McpServerSummary | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const replace = (server: McpServerSummary) => setServers((all) => [...all.filter((s) => s.id !== server.id), server].sort(byName));

  const refresh = async (server: McpServerSummary) => {
    setError(null);
    setBusy(server.id);
    const result = await settingsApi.refreshMcpServer(server.id);
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    replace(result.value);
  };

  const remove = async (server: McpServerSummary) => {
    setError(null);
    const result = await settingsApi.deleteMcpServer(server.id);
    setRemoving(null);
    if (!result.ok) return setError(result.error.message);
    setServers((all) => all.filter((s) => s.id !== server.id));
  };

  return (
    <div className="space-y-6">
      <ErrorText message={error} />
      {servers.length === 0 ? (
        <p className="text-sm text-slate-600">No MCP servers yet.</p>
      ) : (
        servers.map((server) =>
          editing === server.id ? (
            <McpServerForm
              key={server.id}
              server={server}
              onSaved={(saved) => {
                replace(saved);
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <ServerCard
              key={server.id}
              server={server}
              canManage={canManage}
              refreshing={busy === server.id}
              onRefresh={() => void refresh(server)}
              onEdit={() => setEditing(server.id)}
              onRemove={() => setRemoving(server)}
            />
          ),
        )
      )}
      {canManage ? <McpServerForm onSaved={replace} /> : <p className="text-sm text-slate-600">Only owners of the workspace add, change and remove MCP servers.</p>}
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove this MCP server?"
        description={removing ? `Nodes that use the tools of "${removing.name}" will show a problem until they are changed.` : undefined}
      >
        <div className="flex justify-end gap-2">
          <Button onClick={() => setRemoving(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => removing && void remove(removing)}>
            Remove server
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function ServerCard({
  server,
  canManage,
  refreshing,
  onRefresh,
  onEdit,
  onRemove,
}: {
  server: McpServerSummary;
  canManage: boolean;
  refreshing: boolean;
  onRefresh: () => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const where = server.transport === "http" ? server.url : [server.command, ...server.args].join(" ");
  const secretsLabel = server.transport === "http" ? "Headers" : "Environment";
  const checked = new Date(server.checkedAt).toLocaleString();
  return (
    <section aria-label={server.name} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold">{server.name}</h2>
          <p className="mt-0.5 truncate font-mono text-xs text-slate-600">
            {server.transport === "http" ? "Streamable HTTP" : "stdio"} · {where}
          </p>
          {server.secretNames.length > 0 && (
            <p className="mt-0.5 text-xs text-slate-500">
              {secretsLabel} (stored encrypted): {server.secretNames.join(", ")}
            </p>
          )}
        </div>
        {canManage && (
          <div className="flex gap-1">
            <Button size="sm" aria-label={`Refresh ${server.name}`} disabled={refreshing} onClick={onRefresh}>
              {refreshing ? "Refreshing…" : "Refresh"}
            </Button>
            <Button size="sm" aria-label={`Edit ${server.name}`} onClick={onEdit}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Remove ${server.name}`} onClick={onRemove}>
              Remove
            </Button>
          </div>
        )}
      </div>
      <p className={server.status === "connected" ? "mt-2 text-sm text-emerald-700" : "mt-2 text-sm text-red-700"}>
        {server.status === "connected"
          ? `Connected · ${server.tools.length} tool${server.tools.length === 1 ? "" : "s"} · checked ${checked}`
          : `Error: ${server.statusError ?? "unknown"} · checked ${checked}`}
      </p>
      {server.tools.length > 0 && (
        <ul aria-label={`Tools of ${server.name}`} className="mt-3 divide-y divide-slate-100 border-t border-slate-100">
          {server.tools.map((tool) => (
            <li key={tool.id} className="py-2">
              <p className="font-mono text-sm font-medium">{tool.name}</p>
              {tool.description && <p className="text-sm text-slate-600">{tool.description}</p>}
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-slate-500">Parameters of {tool.name}</summary>
                <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(tool.inputSchema, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { curlCommand } from "@/components/ui/curl";
import { formatDateTime } from "@/components/ui/date-format";
import { Dialog } from "@/components/ui/dialog";
import { ErrorText } from "@/components/ui/error-text";
import { settingsApi, type ApiKeyInfo, type CreatedApiKey } from "./settings-api";

const inputClass =
  "mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600";

const when = (iso: string | null) => (iso ? formatDateTime(iso) : "Never");

/** The owner's API keys: create one (its key is shown once), see when each was last used, revoke. */
export function ApiKeysPanel({ initialKeys }: { initialKeys: ApiKeyInfo[] }) {
  const [keys, setKeys] = useState(initialKeys);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const revoke = async (key: ApiKeyInfo) => {
    setError(null);
    const result = await settingsApi.revokeApiKey(key.id);
    setRevoking(null);
    if (!result.ok) return setError(result.error.message);
    setKeys((all) => all.map((k) => (k.id === key.id ? result.value : k)));
  };

  return (
    <div className="space-y-4">
      <div>
        <Button variant="primary" onClick={() => setCreating(true)}>
          Create API key
        </Button>
      </div>
      <ErrorText message={error} />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No API keys yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API keys</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Name</th>
              <th scope="col" className="py-2 pr-3 font-medium">Key</th>
              <th scope="col" className="py-2 pr-3 font-medium">Created</th>
              <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
              <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-3 font-medium">{key.name}</th>
                <td className="py-2 pr-3 font-mono text-xs text-slate-600">{key.prefix}…</td>
                <td className="py-2 pr-3 text-slate-600">{when(key.createdAt)}</td>
                <td className="py-2 pr-3 text-slate-600">{when(key.lastUsedAt)}</td>
                <td className="py-2 text-right">
                  {key.revokedAt ? (
                    <span className="text-slate-500">Revoked {when(key.revokedAt)}</span>
                  ) : (
                    <Button size="sm" variant="ghost" aria-label={`Revoke ${key.name}`} onClick={() => setRevoking(key)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} onCreated={(key) => setKeys((all) => [key, ...all])} />
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this API key?"
        description={revoking ? `"${revoking.name}" stops working at once; anything using it gets 401 errors.` : undefined}
      >
        <div className="flex justify-end gap-2">
          <Button onClick={() => setRevoking(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => revoking && void revoke(revoking)}>
            Revoke key
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

/** A first call with the new key: the workspace's graphs, from this server. Built in the browser, where the dialog lives. */
const exampleCurl = (key: string) => curlCommand({ method: "GET", origin: window.location.origin, path: "/api/v1/graphs", auth: { key } });

/** Asks for a name, then shows the new key once, with a curl example using it; closing the dialog forgets both. */
function CreateKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: ApiKeyInfo) => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);

  const close = () => {
    setName("");
    setError(null);
    setCreated(null);
    setCopied(false);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await settingsApi.createApiKey(name.trim());
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setCreated(result.value);
    // The list keeps only what it shows; the key lives in this dialog until it closes.
    const { key: _key, ...listed } = result.value;
    onCreated(listed);
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setError("Could not copy: select the key and copy it by hand.");
    }
  };

  return (
    <Dialog open={open} onClose={close} title={created ? "Your new API key" : "Create an API key"}>
      {created ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            Copy it now: <strong>you won&apos;t see it again.</strong> It acts as an editor in this workspace; send it as{" "}
            <code className="text-xs">Authorization: Bearer …</code>.
          </p>
          <label className="block text-sm font-medium">
            API key
            <input readOnly value={created.key} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} font-mono`} />
          </label>
          <div>
            <p className="text-sm font-medium">Try it</p>
            <pre
              aria-label="curl example"
              className="mt-1 overflow-x-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs whitespace-pre text-slate-800"
            >
              {exampleCurl(created.key)}
            </pre>
            <CopyButton className="mt-2" size="sm" label="Copy curl" text={() => exampleCurl(created.key)} />
          </div>
          <ErrorText message={error} />
          <div className="flex items-center justify-end gap-2">
            {copied && (
              <span role="status" className="text-sm text-emerald-700">
                Copied.
              </span>
            )}
            <Button onClick={() => void copy()}>Copy key</Button>
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-3">
          <label className="block text-sm font-medium">
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} placeholder="CI pipeline" className={inputClass} />
          </label>
          <ErrorText message={error} />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={busy || name.trim() === ""}>
              {busy ? "Creating…" : "Create key"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

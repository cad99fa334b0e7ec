"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/date-format";
import { Dialog } from "@/components/ui/dialog";
import { runApi, type ShareLinkItem } from "./run-api";

/**
 * The run page's Share button and its dialog: create a read-only link (optionally without
 * prompts), copy it, and see and revoke the run's links. `canManage` false (a viewer) lists only.
 */
export function ShareButton({ runId, canManage = true }: { runId: string; canManage?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Share
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Share this run"
        description="Anyone with a link can watch this run — its graph, trace, output and costs — read-only and without an account. Revoke a link to end access."
      >
        <ShareLinks runId={runId} canManage={canManage} onClose={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ShareLinks({ runId, canManage, onClose }: { runId: string; canManage: boolean; onClose: () => void }) {
  const [links, setLinks] = useState<ShareLinkItem[] | null>(null);
  const [hidePrompts, setHidePrompts] = useState(false);
  const [created, setCreated] = useState<{ id: string; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hideId = useId();

  useEffect(() => {
    let stale = false;
    void runApi.shares(runId).then((result) => {
      if (stale) return;
      if (result.ok) setLinks(result.value.links);
      else setError(result.error.message);
    });
    return () => {
      stale = true;
    };
  }, [runId]);

  const create = async () => {
    setBusy(true);
    setError(null);
    const result = await runApi.share(runId, hidePrompts);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const { url, ...link } = result.value;
    setCreated({ id: link.id, url });
    setLinks((current) => [link, ...(current ?? [])]);
  };

  const revoke = async (id: string) => {
    setError(null);
    const result = await runApi.revokeShare(id);
    if (!result.ok) return setError(result.error.message);
    setLinks((current) => current?.filter((link) => link.id !== id) ?? null);
    if (created?.id === id) setCreated(null);
  };

  return (
    <div className="space-y-4">
      {canManage && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <label htmlFor={hideId} className="flex items-center gap-2 text-sm text-slate-700">
            <input id={hideId} type="checkbox" checked={hidePrompts} onChange={(e) => setHidePrompts(e.target.checked)} className="size-4 rounded border-slate-300" />
            Hide prompts and instructions
          </label>
          <Button variant="primary" onClick={create} disabled={busy}>
            {busy ? "Creating…" : "Create link"}
          </Button>
        </div>
      )}
      {created && <CreatedLink url={created.url} />}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <section aria-labelledby={`${hideId}-links`}>
        <h3 id={`${hideId}-links`} className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Active links
        </h3>
        {links === null ? (
          <p className="text-sm text-slate-500">{error ? "Could not load the links." : "Loading…"}</p>
        ) : links.length === 0 ? (
          <p className="text-sm text-slate-500">This run has no share links.</p>
        ) : (
          <ul aria-label="Share links" className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {links.map((link) => (
              <li key={link.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                <span className="text-slate-700">Created {formatDateTime(link.createdAt)}</span>
                {link.hidePrompts && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Prompts hidden</span>}
                {canManage && (
                  <Button variant="ghost" size="sm" className="ml-auto text-red-700" onClick={() => revoke(link.id)} aria-label={`Revoke the link created ${formatDateTime(link.createdAt)}`}>
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-1.5 text-xs text-slate-500">A link is shown only when it is created; Tierflow keeps no copy of it.</p>
      </section>
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </div>
  );
}

function CreatedLink({ url }: { url: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const inputId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3">
      <label htmlFor={inputId} className="mb-1 block text-xs font-medium text-emerald-900">
        New share link
      </label>
      <div className="flex gap-2">
        <input id={inputId} readOnly value={url} onFocus={(e) => e.target.select()} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs" />
        <Button onClick={copy}>{copied === "yes" ? "Copied" : "Copy"}</Button>
      </div>
      <p role="status" className="mt-1 text-xs text-emerald-900">
        {copied === "failed" ? "Copying was blocked: select the link and copy it yourself." : copied === "yes" ? "Link copied to the clipboard." : ""}
      </p>
    </div>
  );
}

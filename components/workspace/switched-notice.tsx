"use client";

import { useEffect, useState } from "react";

/**
 * "Switched to workspace …": shown once when a link into another of my workspaces switched
 * the active one. The marker leaves the address at once, so a reload or a copied link does
 * not announce it again.
 */
/** `marker`: the query parameter that announced the switch (SWITCHED_PARAM of lib/auth), taken off the address. */
export function SwitchedNotice({ workspaceName, marker }: { workspaceName: string; marker: string }) {
  const [open, setOpen] = useState(true);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.delete(marker);
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, [marker]);

  if (!open) return null;
  return (
    <div className="pointer-events-none fixed inset-x-0 top-16 z-50 flex justify-center px-4">
      <div role="status" className="pointer-events-auto flex items-center gap-3 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900 shadow-md">
        <span>
          Switched to workspace <strong className="font-semibold">{workspaceName}</strong>
        </span>
        <button type="button" onClick={() => setOpen(false)} aria-label="Dismiss" className="rounded px-1 text-sky-700 hover:bg-sky-100 focus-visible:outline-2 focus-visible:outline-sky-600">
          ✕
        </button>
      </div>
    </div>
  );
}

"use client";

import { useEffect } from "react";
import { useEditorStore } from "@/lib/stores/editor";
import { cx } from "@/components/ui/cx";

const VISIBLE_MS = 6000;

/** The store's latest notice (why a connection was refused, what was copied), over the canvas for a few seconds. */
export function CanvasNotice() {
  const notice = useEditorStore((state) => state.notice);
  const dismiss = useEditorStore((state) => state.dismissNotice);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismiss, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <div role="status" aria-live="polite" aria-label="Canvas messages" className="pointer-events-none absolute inset-x-0 top-3 z-10 flex justify-center px-4">
      {notice && (
        <p
          className={cx(
            "pointer-events-auto flex max-w-xl items-start gap-3 rounded-lg border px-3.5 py-2 text-sm shadow-md",
            notice.tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-slate-200 bg-white text-slate-700",
          )}
        >
          <span>{notice.message}</span>
          <button type="button" onClick={dismiss} className="text-slate-500 hover:text-slate-900" aria-label="Dismiss message">
            ✕
          </button>
        </p>
      )}
    </div>
  );
}

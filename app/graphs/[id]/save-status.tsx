"use client";

import { cx } from "@/components/ui/cx";
import type { SaveState } from "./autosaver";

const TEXT: Record<SaveState["kind"], string> = {
  saved: "Saved",
  pending: "Saving…",
  saving: "Saving…",
  invalid: "Not saved",
  retrying: "Offline",
  failed: "Save failed",
  conflict: "Not saved: conflict",
};

function describe(state: SaveState): { text: string; detail?: string; tone: "ok" | "busy" | "warn" | "error" } {
  switch (state.kind) {
    case "saved":
      return { text: TEXT.saved, tone: "ok" };
    case "pending":
    case "saving":
      return { text: TEXT.saving, tone: "busy" };
    case "invalid":
      return {
        text: `Not saved: ${state.problems} problem${state.problems === 1 ? "" : "s"}`,
        detail: "The graph is saved once the problems listed on the left are fixed. Your edits are kept in this browser meanwhile.",
        tone: "warn",
      };
    case "retrying":
      return {
        text: "Save failed: retrying…",
        detail: `${state.message} Trying again in ${Math.round(state.retryInMs / 1000)} s; your edits are kept in this browser.`,
        tone: "warn",
      };
    case "failed":
      return { text: TEXT.failed, detail: state.message, tone: "error" };
    case "conflict":
      return { text: TEXT.conflict, tone: "error" };
  }
}

const DOT: Record<ReturnType<typeof describe>["tone"], string> = {
  ok: "bg-emerald-500",
  busy: "bg-sky-500 animate-pulse",
  warn: "bg-amber-500",
  error: "bg-red-600",
};

/** The save indicator: always visible, announced politely, with the reason when something is off. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { text, detail, tone } = describe(state);
  return (
    <div className="flex items-center gap-2">
      <p
        role="status"
        aria-label="Save status"
        aria-live="polite"
        title={detail}
        className={cx(
          "inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
          tone === "ok" && "text-slate-600",
          tone === "busy" && "text-slate-600",
          tone === "warn" && "bg-amber-50 text-amber-800",
          tone === "error" && "bg-red-50 text-red-800",
        )}
      >
        <span aria-hidden className={cx("size-1.5 rounded-full", DOT[tone])} />
        {text}
      </p>
      {state.kind === "failed" && (
        <button type="button" onClick={onRetry} className="text-xs font-medium text-slate-700 underline">
          Try again
        </button>
      )}
    </div>
  );
}

"use client";

import { cx } from "@/components/ui/cx";
import type { SaveState } from "./autosaver";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** `problems`: what keeps the graph from running; a graph is saved with them. */
function describe(state: SaveState, problems: number): { text: string; detail?: string; tone: "ok" | "busy" | "warn" | "error" } {
  switch (state.kind) {
    case "saved":
      if (problems === 0) return { text: "Saved", tone: "ok" };
      return {
        text: `Saved · ${plural(problems, "problem")}`,
        detail: "Saved with the problems listed on the left. The graph can run once they are fixed.",
        tone: "warn",
      };
    case "pending":
    case "saving":
      return { text: "Saving…", tone: "busy" };
    case "invalid":
      return {
        text: `Not saved: ${plural(state.problems, "invalid field")}`,
        detail: "The server cannot store a document with these errors (listed on the left). Your edits are kept in this browser until they are fixed.",
        tone: "error",
      };
    case "retrying":
      return {
        text: "Save failed: retrying…",
        detail: `${state.message} Trying again in ${Math.round(state.retryInMs / 1000)} s; your edits are kept in this browser.`,
        tone: "warn",
      };
    case "failed":
      return { text: "Save failed", detail: state.message, tone: "error" };
    case "conflict":
      return { text: "Not saved: conflict", tone: "error" };
  }
}

const DOT: Record<ReturnType<typeof describe>["tone"], string> = {
  ok: "bg-emerald-500",
  busy: "bg-sky-500 animate-pulse",
  warn: "bg-amber-500",
  error: "bg-red-600",
};

/** The save indicator: always visible, announced politely, with the reason when something is off. */
export function SaveStatus({ state, problems, onRetry }: { state: SaveState; problems: number; onRetry: () => void }) {
  const { text, detail, tone } = describe(state, problems);
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

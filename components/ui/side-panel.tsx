"use client";

import { useState, useSyncExternalStore } from "react";
import { cx } from "./cx";

/** From this width side panels start open; below it they start collapsed, so the canvas keeps most of a 1,024 px window. */
export const WIDE_SCREEN_PX = 1280;
/** How wide a collapsed panel's rail is. */
export const RAIL_PX = 40;

const query = `(min-width: ${WIDE_SCREEN_PX}px)`;

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Whether the window is at least `WIDE_SCREEN_PX` wide (the server renders as wide). */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => true);
}

/** A collapsible panel's state: open on wide screens and collapsed below, until the user toggles it. */
export function useSidePanel(): [open: boolean, toggle: () => void] {
  const wide = useWideScreen();
  const [choice, setChoice] = useState<boolean | null>(null);
  const open = choice ?? wide;
  return [open, () => setChoice(!open)];
}

/** The button that collapses or expands a side panel: "Hide palette" / "Show palette". */
export function SidePanelToggle({ name, open, side, onToggle, className }: { name: string; open: boolean; side: "left" | "right"; onToggle: () => void; className?: string }) {
  // The chevron points where the panel will go.
  const towardsLeft = (side === "left") === open;
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-label={`${open ? "Hide" : "Show"} ${name}`}
      title={`${open ? "Hide" : "Show"} ${name}`}
      onClick={onToggle}
      className={cx(
        "grid size-7 shrink-0 place-items-center rounded-md text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600",
        className,
      )}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round">
        <path d={towardsLeft ? "M10 3.5 5.5 8l4.5 4.5" : "M6 3.5 10.5 8 6 12.5"} />
      </svg>
    </button>
  );
}

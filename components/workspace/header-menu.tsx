"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * A disclosure menu for the app header: a button that opens a panel below it. Escape, a
 * click outside or moving focus out closes it. `onOpen` runs on every opening, for panels
 * that load what they show.
 */
export function HeaderMenu({
  label,
  button,
  onOpen,
  children,
  align = "left",
}: {
  /** The button's accessible name. */
  label: string;
  button: ReactNode;
  onOpen?: () => void;
  children: ReactNode;
  align?: "left" | "right";
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget) setOpen(false);
      }}
    >
      <button
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!hydrated}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
        className="flex h-8 items-center gap-1.5 rounded-md px-2 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {button}
        <span aria-hidden className="text-xs text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label={label}
          className={cx("absolute top-full z-50 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-1.5 text-sm shadow-lg", align === "right" ? "right-0" : "left-0")}
        >
          {children}
        </div>
      )}
    </div>
  );
}

/** A row of a header menu: a link or a button, full width. */
export const menuItemClass = "flex w-full items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-left text-slate-800 hover:bg-slate-100 disabled:cursor-default disabled:hover:bg-transparent";

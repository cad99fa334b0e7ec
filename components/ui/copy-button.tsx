"use client";

import { useEffect, useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./button";
import { cx } from "./cx";

const SHOWN_MS = 2500;

/**
 * A button that puts `text()` on the clipboard (computed on click, so it is always current)
 * and says so next to itself; if the browser refuses, it says that instead.
 */
export function CopyButton({
  label,
  text,
  title,
  disabled,
  variant = "secondary",
  size = "md",
  className,
}: {
  label: string;
  text: () => string;
  title?: string;
  disabled?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <span className={cx("inline-flex items-center gap-2", className)}>
      <Button variant={variant} size={size} title={title} disabled={disabled} onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className={cx("text-xs", state === "failed" ? "text-red-700" : "text-emerald-700")}>
        {state === "copied" ? "Copied." : state === "failed" ? "Could not copy: your browser refused." : ""}
      </span>
    </span>
  );
}

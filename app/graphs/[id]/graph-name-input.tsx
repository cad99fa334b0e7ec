"use client";

import { useState } from "react";

/** The graph's name in the header, edited in place: saved on Enter or when focus leaves, Escape reverts. */
export function GraphNameInput({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const [draft, setDraft] = useState(name);
  const [shown, setShown] = useState(name);
  if (shown !== name) {
    setShown(name);
    setDraft(name);
  }
  const commit = () => (draft.trim() === "" ? setDraft(name) : onRename(draft));
  return (
    <input
      aria-label="Graph name"
      value={draft}
      maxLength={120}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") event.currentTarget.blur();
        if (event.key === "Escape") {
          const input = event.currentTarget;
          setDraft(name);
          requestAnimationFrame(() => input.blur());
        }
      }}
      size={Math.max(12, Math.min(draft.length + 2, 48))}
      className="rounded-md border border-transparent px-1.5 py-1 text-sm font-semibold text-slate-900 hover:border-slate-200 focus:border-sky-600 focus:outline-none"
    />
  );
}

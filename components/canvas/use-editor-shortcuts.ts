"use client";

import { useEffect } from "react";
import { useEditorStoreApi } from "@/lib/stores/editor";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

/** Whether focus is on the canvas (or nowhere), where Delete and Ctrl+A mean the graph, not a form. */
function onCanvas(target: EventTarget | null): boolean {
  return target === document.body || (target instanceof Element && target.closest(".react-flow") !== null);
}

/**
 * The editor's keyboard shortcuts: undo/redo (Ctrl/⌘+Z, Shift+Ctrl/⌘+Z, Ctrl+Y), copy,
 * paste and duplicate (Ctrl/⌘+C/V/D), select all, and Delete/Backspace. Text fields and
 * open dialogs keep their own keys.
 */
export function useEditorShortcuts() {
  const store = useEditorStoreApi();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || isEditable(event.target) || document.querySelector("dialog[open]")) return;
      const state = store.getState();
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };

      if (mod && key === "z") return run(event.shiftKey ? state.redo : state.undo);
      if (mod && key === "y") return run(state.redo);
      if (mod && key === "d") return run(state.duplicateSelection);
      if (mod && key === "v") return run(state.paste);
      // Leave Ctrl+C alone when the user is copying text from the page.
      if (mod && key === "c" && state.selectedNodeIds.length > 0 && !window.getSelection()?.toString()) return run(state.copySelection);
      if (!onCanvas(event.target)) return;
      if (mod && key === "a") return run(state.selectAll);
      if (!mod && (key === "delete" || key === "backspace")) return run(state.deleteSelection);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store]);
}

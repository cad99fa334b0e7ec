"use client";

import { createContext, useContext, type ReactNode } from "react";

/**
 * What controls hosted in the editor's toolbar slot (a Run button, say) may need beyond
 * the canvas: which graph this is and whether the server has every edit. Runs read the
 * stored graph, so a Run button calls `saveNow()` first. The document itself comes from
 * `useGraphDocument()`.
 */
export interface EditorSession {
  graphId: string;
  /** True when every edit has reached the server. */
  saved: boolean;
  /** Saves now; resolves true once the server has every edit, false when it cannot (problems, conflict, offline). */
  saveNow: () => Promise<boolean>;
}

const EditorSessionContext = createContext<EditorSession | null>(null);

export function EditorSessionProvider({ value, children }: { value: EditorSession; children: ReactNode }) {
  return <EditorSessionContext value={value}>{children}</EditorSessionContext>;
}

/** The editor session, inside the graph editor. */
export function useEditorSession(): EditorSession {
  const session = useContext(EditorSessionContext);
  if (!session) throw new Error("useEditorSession must be used inside the graph editor.");
  return session;
}

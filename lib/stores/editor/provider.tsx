"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import type { GraphDocument } from "@/lib/graph";
import { createEditorStore, type EditorInit, type EditorStoreApi } from "./store";
import type { EditorStore } from "./types";

const EditorStoreContext = createContext<EditorStoreApi | null>(null);

/**
 * One store per mounted editor (zustand's Next.js pattern): a module-level store would be
 * shared between requests during server rendering.
 */
export function EditorStoreProvider({ init, children }: { init: EditorInit; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(init));
  return <EditorStoreContext value={store}>{children}</EditorStoreContext>;
}

/** The editor store's API, for reading state in event handlers without subscribing. */
export function useEditorStoreApi(): EditorStoreApi {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("useEditorStore must be used inside <EditorStoreProvider>.");
  return store;
}

/** Subscribes to a slice of the editor store. Select narrowly (wrap object selectors in `useShallow`). */
export function useEditorStore<T>(selector: (state: EditorStore) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

/**
 * The canvas as a graph document (e.g. for a cost estimate next to the Run button). Rebuilt
 * when the document changes, never on drag frames.
 */
export function useGraphDocument(): GraphDocument {
  const store = useEditorStoreApi();
  const revision = useEditorStore((state) => state.revision);
  const contentRevision = useEditorStore((state) => state.contentRevision);
  return useMemo(
    () => store.getState().toDocument(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the revisions are the signal that the document changed.
    [store, revision, contentRevision],
  );
}

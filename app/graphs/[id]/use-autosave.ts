"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isStructuralIssue, type GraphDocument } from "@/lib/graph";
import { useEditorStoreApi } from "@/lib/stores/editor";
import { graphApi } from "@/components/workspace/graph-api";
import { Autosaver, type SaveState } from "./autosaver";
import { canonicalJson, clearDraft, readDraft, writeDraft, type LocalDraft } from "./local-draft";

/** A local draft found on load: `restored` was applied (it builds on the loaded version); `stale` builds on an older one. */
export type DraftOffer = { kind: "restored" | "stale"; draft: LocalDraft };

const DRAFT_DELAY_MS = 400;

/**
 * Wires the editor store to the API: debounced saves with the graph's version, a local
 * draft of anything not yet saved (a crash-safety net, restored on reload), a warning when
 * the page is left with unsaved edits, and the conflict and reload actions. A graph with
 * problems is saved like any other; only a malformed one (an empty label, say) waits.
 */
export function useAutosave(graph: { id: string; name: string; version: number; graph: GraphDocument }) {
  const store = useEditorStoreApi();
  const graphId = graph.id;
  const [loaded] = useState(graph);
  const [state, setState] = useState<SaveState>({ kind: "saved" });
  const [name, setName] = useState(graph.name);
  const [draftOffer, setDraftOffer] = useState<DraftOffer | null>(null);
  const saverRef = useRef<Autosaver | null>(null);
  const versionRef = useRef(graph.version);
  const draftChecked = useRef(false);
  const restoredUnsaved = useRef(false);
  const [writer] = useState(() => Math.random().toString(36).slice(2));

  useEffect(() => {
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    const keepDraft = () => {
      clearTimeout(draftTimer);
      if (!saver.hasUnsavedChanges) return clearDraft(graphId, writer);
      writeDraft(graphId, { baseVersion: saver.baseVersion, graph: store.getState().toDocument(), writer });
    };
    const saver = new Autosaver({
      version: versionRef.current,
      send: (body) => graphApi.update(graphId, body),
      read: () => {
        const { toDocument, errors } = store.getState();
        return { graph: toDocument(), errors: errors.filter(isStructuralIssue).length };
      },
      onState: setState,
      onSaved: (version, clean) => {
        versionRef.current = version;
        restoredUnsaved.current = false;
        if (clean) {
          clearTimeout(draftTimer);
          clearDraft(graphId, writer);
        } else keepDraft();
      },
    });
    saverRef.current = saver;

    if (!draftChecked.current) {
      draftChecked.current = true;
      /* eslint-disable react-hooks/set-state-in-effect -- localStorage can only be read after hydration. */
      const draft = readDraft(graphId);
      if (draft && canonicalJson(draft.graph) === canonicalJson(store.getState().toDocument())) clearDraft(graphId);
      else if (draft && draft.baseVersion === loaded.version) {
        store.getState().resetDocument(draft.graph);
        // This page owns the draft now, so its own clean save clears it.
        writeDraft(graphId, { baseVersion: draft.baseVersion, graph: draft.graph, writer });
        restoredUnsaved.current = true;
        setDraftOffer({ kind: "restored", draft });
      } else if (draft) setDraftOffer({ kind: "stale", draft });
      /* eslint-enable react-hooks/set-state-in-effect */
    }
    // Also after React's development double mount: the restored edits still need saving.
    if (restoredUnsaved.current) saver.graphChanged();

    const unsubscribe = store.subscribe((next, previous) => {
      if (next.revision === previous.revision) return;
      saver.graphChanged();
      clearTimeout(draftTimer);
      draftTimer = setTimeout(keepDraft, DRAFT_DELAY_MS);
    });
    const onPageHide = () => saver.hasUnsavedChanges && keepDraft();
    // The browser asks before leaving while an edit has not reached the server.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!saver.hasUnsavedChanges) return;
      keepDraft();
      event.preventDefault();
    };
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
      unsubscribe();
      if (saver.hasUnsavedChanges) {
        keepDraft();
        // Leaving the editor: send what is pending instead of waiting for the debounce.
        void saver.flush().finally(() => saver.dispose());
      } else saver.dispose();
    };
  }, [graphId, store, loaded, writer]);

  useEffect(() => {
    document.title = `${name} · Tierflow`;
  }, [name]);

  const rename = useCallback(
    (next: string) => {
      const trimmed = next.trim();
      if (trimmed === "" || trimmed === name) return;
      setName(trimmed);
      saverRef.current?.rename(trimmed);
    },
    [name],
  );

  /** Replaces local edits with the server's latest version. */
  const reloadLatest = useCallback(async () => {
    const latest = await graphApi.get(graphId);
    if (!latest.ok) return setState({ kind: "failed", message: latest.error.message });
    store.getState().resetDocument(latest.value.graph);
    versionRef.current = latest.value.version;
    saverRef.current?.reset(latest.value.version);
    setName(latest.value.name);
    clearDraft(graphId);
    setDraftOffer(null);
  }, [graphId, store]);

  /** Saves local edits over the newer server version. */
  const overwrite = useCallback(async () => {
    let version = state.kind === "conflict" ? state.currentVersion : null;
    if (version === null) {
      const latest = await graphApi.get(graphId);
      if (!latest.ok) return setState({ kind: "failed", message: latest.error.message });
      version = latest.value.version;
    }
    saverRef.current?.overwrite(version);
  }, [graphId, state]);

  const restoreDraft = useCallback(() => {
    if (draftOffer?.kind !== "stale") return;
    store.getState().resetDocument(draftOffer.draft.graph);
    setDraftOffer(null);
    saverRef.current?.overwrite(versionRef.current);
  }, [draftOffer, store]);

  const dismissDraft = useCallback(() => {
    if (draftOffer?.kind === "stale") clearDraft(graphId);
    setDraftOffer(null);
  }, [draftOffer, graphId]);

  const retry = useCallback(() => void saverRef.current?.flush(), []);
  const saveNow = useCallback(() => saverRef.current?.saveNow() ?? Promise.resolve(false), []);

  return { state, name, rename, reloadLatest, overwrite, draftOffer, restoreDraft, dismissDraft, retry, saveNow };
}

"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useMemo, useState, type ReactNode } from "react";
import type { GraphDocument, Tier } from "@/lib/graph";
import { catalogChecks, type ModelCatalog } from "@/lib/models/catalog";
import { EditorStoreProvider, useEditorStore, type EditorInit } from "@/lib/stores/editor";
import { CanvasNotice } from "@/components/canvas/canvas-notice";
import { EditorReadOnlyContext } from "@/components/canvas/editor-mode";
import { EditorResourcesProvider, type ToolInfo } from "@/components/canvas/editor-resources";
import { EditorSessionProvider } from "@/components/canvas/editor-session";
import { EditorToolbar } from "@/components/canvas/editor-toolbar";
import { FlowCanvas } from "@/components/canvas/flow-canvas";
import { Palette } from "@/components/canvas/palette";
import { ProblemsPanel } from "@/components/canvas/problems-panel";
import { useEditorShortcuts } from "@/components/canvas/use-editor-shortcuts";
import { ProposedTiersBanner } from "@/components/evals/proposed-tiers-banner";
import { Inspector } from "@/components/inspector/inspector";
import { RAIL_PX, SidePanelToggle, useSidePanel } from "@/components/ui/side-panel";
import { AppHeader } from "@/components/workspace/app-header";
import { GraphNameInput } from "./graph-name-input";
import { ConflictBanner, DraftBanner } from "./save-banners";
import { SaveStatus } from "./save-status";
import { useAutosave } from "./use-autosave";

export interface EditorClientProps {
  graph: { id: string; name: string; version: number; graph: GraphDocument };
  workspaceName: string;
  simulated: boolean;
  tools: readonly ToolInfo[];
  catalog: ModelCatalog;
  /**
   * Controls shown at the right end of the editor toolbar: the slot for the Run button and
   * live run status (the editor itself never runs graphs). They render inside the editor,
   * so client components there can call `useEditorSession()` (graph id, `saveNow()`) and
   * `useGraphDocument()` (the live document).
   */
  toolbarExtra?: ReactNode;
  /** A viewer's editor: nothing can be changed or saved, and it says so. */
  readOnly?: boolean;
  /** Tiers the tier advisor proposed (its "Apply" link), offered as one undoable edit. */
  proposedTiers?: Record<string, Tier>;
}

/** The canvas editor for one graph: palette and problems, canvas, inspector, saving. */
export function EditorClient({ graph, workspaceName, simulated, tools, catalog, toolbarExtra, readOnly = false, proposedTiers }: EditorClientProps) {
  const [init] = useState<EditorInit>(() => ({
    document: graph.graph,
    context: { toolNames: tools.map((tool) => tool.name), ...catalogChecks(catalog) },
  }));
  const resources = useMemo(() => ({ catalog, tools }), [catalog, tools]);
  return (
    <EditorResourcesProvider value={resources}>
      <EditorStoreProvider init={init}>
        <ReactFlowProvider>
          {readOnly ? (
            <EditorReadOnlyContext value>
              <ViewerShell graph={graph} workspaceName={workspaceName} simulated={simulated} />
            </EditorReadOnlyContext>
          ) : (
            <EditorShell graph={graph} workspaceName={workspaceName} simulated={simulated} toolbarExtra={toolbarExtra} proposedTiers={proposedTiers} />
          )}
        </ReactFlowProvider>
      </EditorStoreProvider>
    </EditorResourcesProvider>
  );
}

function EditorShell({ graph, workspaceName, simulated, toolbarExtra, proposedTiers }: Pick<EditorClientProps, "graph" | "workspaceName" | "simulated" | "toolbarExtra" | "proposedTiers">) {
  useEditorShortcuts();
  const save = useAutosave(graph);
  const problems = useEditorStore((state) => state.errors.length);
  const saved = save.state.kind === "saved";
  const session = useMemo(() => ({ graphId: graph.id, saved, saveNow: save.saveNow }), [graph.id, saved, save.saveNow]);

  return (
    <EditorSessionProvider value={session}>
      <div className="flex h-screen flex-col">
        <AppHeader workspaceName={workspaceName} simulated={simulated} title={<GraphNameInput name={save.name} onRename={save.rename} />}>
          <SaveStatus state={save.state} problems={problems} onRetry={save.retry} />
        </AppHeader>
        <EditorToolbar graphName={save.name} extra={toolbarExtra} />
        {save.state.kind === "conflict" && (
          <ConflictBanner state={save.state} graphName={save.name} onReload={save.reloadLatest} onOverwrite={save.overwrite} />
        )}
        {proposedTiers && <ProposedTiersBanner tiers={proposedTiers} />}
        {save.draftOffer && <DraftBanner offer={save.draftOffer} onRestore={save.restoreDraft} onDismiss={save.dismissDraft} />}
        <EditorPanels palette={<Palette />} />
      </div>
    </EditorSessionProvider>
  );
}

const VIEWER_SESSION = { saved: true, saveNow: async () => false };

/**
 * A viewer's editor: the same canvas and inspector, but no autosave, no shortcuts, no
 * palette, and an inspector whose fields are disabled. Selecting nodes to read them works.
 */
function ViewerShell({ graph, workspaceName, simulated }: Pick<EditorClientProps, "graph" | "workspaceName" | "simulated">) {
  const session = useMemo(() => ({ graphId: graph.id, ...VIEWER_SESSION }), [graph.id]);
  return (
    <EditorSessionProvider value={session}>
      <div className="flex h-screen flex-col">
        <AppHeader workspaceName={workspaceName} simulated={simulated} title={<h1 className="px-1.5 text-sm font-semibold text-slate-900">{graph.name}</h1>}>
          <span role="status" className="rounded-full border border-slate-300 bg-slate-50 px-2.5 py-0.5 text-xs font-medium text-slate-700">
            View only
          </span>
        </AppHeader>
        <EditorToolbar graphName={graph.name} />
        <p className="border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-sm text-slate-600">
          View only: you are a viewer in this workspace, so you can look at this graph and its runs but not change or run it.
        </p>
        <EditorPanels readOnly />
      </div>
    </EditorSessionProvider>
  );
}

/**
 * Palette and problems, canvas, inspector: the editor's three columns. The side columns
 * collapse to thin rails (open on wide screens, collapsed below 1,280 px), so the canvas stays
 * usable on a 1,024 px window.
 */
function EditorPanels({ palette, readOnly = false }: { palette?: ReactNode; readOnly?: boolean }) {
  const [leftOpen, toggleLeft] = useSidePanel();
  const [inspectorOpen, toggleInspector] = useSidePanel();
  const leftName = palette ? "palette" : "problems";
  const rail = `${RAIL_PX}px`;
  return (
    <div
      className="grid min-h-0 flex-1 [--tf-left:220px] [--tf-right:320px] xl:[--tf-left:248px] xl:[--tf-right:360px]"
      style={{ gridTemplateColumns: `${leftOpen ? "var(--tf-left)" : rail} minmax(0,1fr) ${inspectorOpen ? "var(--tf-right)" : rail}` }}
    >
      <div className="relative min-h-0 overflow-y-auto border-r border-slate-200 bg-slate-50">
        <SidePanelToggle name={leftName} side="left" open={leftOpen} onToggle={toggleLeft} className={leftOpen ? "absolute top-2 right-2 z-10" : "mx-auto mt-2"} />
        {leftOpen && (
          <>
            {palette}
            <ProblemsPanel />
          </>
        )}
      </div>
      <main className="relative min-h-0 min-w-0" aria-label="Canvas">
        <FlowCanvas />
        <CanvasNotice />
      </main>
      <div className="relative min-h-0 min-w-0 border-l border-slate-200 bg-white">
        <SidePanelToggle name="inspector" side="right" open={inspectorOpen} onToggle={toggleInspector} className={inspectorOpen ? "absolute top-2 right-2 z-10" : "mx-auto mt-2"} />
        {inspectorOpen && (
          // A disabled fieldset disables every field and button inside: the inspector needs no read-only mode of its own.
          <fieldset disabled={readOnly} className="h-full min-h-0 min-w-0">
            <Inspector />
          </fieldset>
        )}
      </div>
    </div>
  );
}

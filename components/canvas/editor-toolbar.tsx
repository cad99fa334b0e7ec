"use client";

import { useReactFlow } from "@xyflow/react";
import { useState, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useEditorStore, type EditorStore } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { useEditorReadOnly } from "./editor-mode";
import { ExportDialog } from "./export-dialog";
import { ImportDialog } from "./import-dialog";

const selector = (state: EditorStore) => ({
  canUndo: state.past.length > 0,
  canRedo: state.future.length > 0,
  hasNodes: state.nodes.length > 0,
  undo: state.undo,
  redo: state.redo,
  autoLayout: state.autoLayout,
  snapToGrid: state.snapToGrid,
  setSnapToGrid: state.setSnapToGrid,
});

function Divider() {
  return <span aria-hidden className="mx-1 h-5 w-px bg-slate-200" />;
}

/**
 * The editor's commands (read-only, just Fit view and Export). `extra` fills the right-hand end: the slot for run controls
 * (a Run button, run status) that live outside the canvas editor.
 */
export function EditorToolbar({ graphName, extra }: { graphName: string; extra?: ReactNode }) {
  const { canUndo, canRedo, hasNodes, undo, redo, autoLayout, snapToGrid, setSnapToGrid } = useEditorStore(useShallow(selector));
  const { fitView } = useReactFlow();
  const [dialog, setDialog] = useState<"import" | "export" | null>(null);
  const readOnly = useEditorReadOnly();

  const layout = () => {
    autoLayout();
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
  };

  return (
    <div role="toolbar" aria-label="Editor toolbar" className="flex h-11 shrink-0 items-center gap-1 border-b border-slate-200 bg-white px-3">
      {!readOnly && (
        <>
          <Button size="sm" variant="ghost" onClick={undo} disabled={!canUndo} title="Undo (Ctrl/⌘+Z)">
            <span aria-hidden>↶</span> Undo
          </Button>
          <Button size="sm" variant="ghost" onClick={redo} disabled={!canRedo} title="Redo (Shift+Ctrl/⌘+Z)">
            <span aria-hidden>↷</span> Redo
          </Button>
          <Divider />
          <Button size="sm" variant="ghost" onClick={layout} disabled={!hasNodes} title="Arrange nodes left to right along their data edges">
            Auto-layout
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" onClick={() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 })} disabled={!hasNodes}>
        Fit view
      </Button>
      {!readOnly && (
        <>
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={snapToGrid}
            onClick={() => setSnapToGrid(!snapToGrid)}
            title="Snap nodes to a 20px grid while dragging"
            className={snapToGrid ? "bg-slate-100 text-slate-900" : undefined}
          >
            Snap to grid
          </Button>
          <Divider />
          <Button size="sm" variant="ghost" onClick={() => setDialog("import")}>
            Import…
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" onClick={() => setDialog("export")}>
        Export…
      </Button>
      <div className="ml-auto flex items-center gap-2">{extra}</div>
      <ImportDialog open={dialog === "import"} onClose={() => setDialog(null)} />
      <ExportDialog open={dialog === "export"} onClose={() => setDialog(null)} graphName={graphName} />
    </div>
  );
}

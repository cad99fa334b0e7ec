"use client";

import { useDeferredValue } from "react";
import { useShallow } from "zustand/react/shallow";
import { graphSettingsSchema } from "@/lib/graph";
import { useEditorStore, type EditorStore } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { Section } from "./field";
import { NodeInspector } from "./node-inspector";
import { OptionsForm } from "./options-form";

const SHORTCUTS: [string, string][] = [
  ["Ctrl/⌘ + Z", "Undo"],
  ["Shift + Ctrl/⌘ + Z", "Redo"],
  ["Ctrl/⌘ + C, V", "Copy, paste"],
  ["Ctrl/⌘ + D", "Duplicate"],
  ["Delete", "Delete selection"],
  ["Ctrl/⌘ + click, Shift + drag", "Select several"],
  ["Arrow keys", "Move the focused selection"],
];

/** The right-hand panel: the selected node, a multi-selection summary, or the graph's settings. */
export function Inspector() {
  // Deferred: the form for a newly selected node renders after the canvas has shown the selection,
  // in a task of its own, so the frame that picks up a box to drag it does not wait for the form.
  const selected = useDeferredValue(useEditorStore((state) => state.selectedNodeIds));
  return (
    <aside aria-label="Inspector" className="h-full overflow-y-auto bg-white">
      {selected.length === 1 ? (
        <NodeInspector key={selected[0]} id={selected[0]} />
      ) : selected.length > 1 ? (
        <SelectionSummary count={selected.length} />
      ) : (
        <GraphSettings />
      )}
    </aside>
  );
}

function SelectionSummary({ count }: { count: number }) {
  const { duplicateSelection, deleteSelection } = useEditorStore(
    useShallow((state: EditorStore) => ({ duplicateSelection: state.duplicateSelection, deleteSelection: state.deleteSelection })),
  );
  return (
    <div className="p-4">
      <h2 className="text-base font-semibold">{count} nodes selected</h2>
      <p className="mt-1 text-sm text-slate-600">Drag any of them to move them together, or:</p>
      <div className="mt-3 flex gap-2">
        <Button size="sm" onClick={duplicateSelection}>
          Duplicate {count} nodes
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={deleteSelection}>
          Delete {count} nodes
        </Button>
      </div>
    </div>
  );
}

function GraphSettings() {
  const { settings, setSettings } = useEditorStore(useShallow((state: EditorStore) => ({ settings: state.settings, setSettings: state.setSettings })));
  return (
    <div>
      <div className="pt-4 pr-10 pb-3 pl-4">
        <h2 className="text-base font-semibold">Graph</h2>
        <p className="mt-1 text-sm text-slate-600">Select a node to edit its tier, model, tools and instructions.</p>
      </div>
      <Section title="Run settings">
        <OptionsForm
          schema={graphSettingsSchema}
          values={settings}
          onChange={(key, value) => setSettings({ [key]: value })}
          idPrefix="graph-settings"
        />
      </Section>
      <Section title="Keyboard">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          {SHORTCUTS.map(([keys, action]) => (
            <div key={keys} className="contents">
              <dt className="font-mono text-slate-700">{keys}</dt>
              <dd className="text-slate-500">{action}</dd>
            </div>
          ))}
        </dl>
      </Section>
    </div>
  );
}

"use client";

import { useShallow } from "zustand/react/shallow";
import { GRAPH_LIMITS, ROLE_DEFINITIONS } from "@/lib/graph";
import { useEditorStore, type EditorStore } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { RoleIcon } from "@/components/canvas/role-icon";
import { ROLE_STYLE } from "@/components/canvas/role-style";
import { ConnectionsField } from "./connections-field";
import { Field, Section, inputClass } from "./field";
import { ModelField } from "./model-field";
import { OptionsForm } from "./options-form";
import { TierField } from "./tier-field";
import { ToolsField } from "./tools-field";

const actionsSelector = (state: EditorStore) => ({
  updateNode: state.updateNode,
  setNodeOption: state.setNodeOption,
  duplicateSelection: state.duplicateSelection,
  deleteNodes: state.deleteNodes,
});

/** Everything about one node: label, tier, model, tools, instructions, role options and edges. */
export function NodeInspector({ id }: { id: string }) {
  // A node's data object survives drags untouched, so this re-renders only on real edits.
  const data = useEditorStore((state) => state.nodes.find((node) => node.id === id)?.data);
  const issues = useEditorStore((state) => state.nodeIssues[id]);
  const { updateNode, setNodeOption, duplicateSelection, deleteNodes } = useEditorStore(useShallow(actionsSelector));
  if (!data) return null;

  const definition = ROLE_DEFINITIONS[data.role];
  const style = ROLE_STYLE[data.role];
  const field = (name: string) => `node-${id}-${name}`;

  return (
    <div>
      <header className="flex items-start gap-3 pt-4 pr-10 pb-3 pl-4">
        <span className={cx("grid size-9 shrink-0 place-items-center rounded-lg", style.tint, style.text)}>
          <RoleIcon role={data.role} className="size-5" />
        </span>
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900">{data.label || "Untitled"}</h2>
          <p className="text-xs text-slate-500">
            {definition.title} · <code className="text-[11px]">{id}</code>
          </p>
        </div>
      </header>

      {issues && issues.length > 0 && (
        <ul aria-label="Node problems" className="mx-4 mb-3 space-y-1 rounded-md border border-red-200 bg-red-50 p-2.5 text-xs leading-4">
          {issues.map((issue, index) => (
            <li key={index} className={issue.severity === "error" ? "text-red-800" : "text-amber-800"}>
              {issue.severity === "error" ? "✕ " : "⚠ "}
              {issue.message}
            </li>
          ))}
        </ul>
      )}

      <Section title="Node">
        <Field id={field("label")} label="Label" help={data.role === "executor" ? "Planners route subtasks to executors by this label." : undefined}>
          <input
            id={field("label")}
            value={data.label}
            maxLength={GRAPH_LIMITS.labelLength}
            onChange={(event) => updateNode(id, { label: event.target.value }, { coalesceKey: `label:${id}` })}
            className={inputClass}
            aria-invalid={data.label.trim() === "" ? true : undefined}
          />
        </Field>
        {definition.usesModel && <TierField id={field("tier")} data={data} onChange={(tier) => updateNode(id, { tier })} />}
        {definition.usesModel && <ModelField id={field("model")} data={data} onChange={(model) => updateNode(id, { model })} />}
      </Section>

      {definition.usesModel && (
        <Section title="Tools">
          <ToolsField id={field("tools")} data={data} onChange={(tools) => updateNode(id, { tools })} />
        </Section>
      )}

      <Section title="Instructions">
        <Field
          id={field("instructions")}
          label={definition.usesModel ? "System prompt" : "Note for the person deciding"}
          help={definition.usesModel ? "What this node is told before its task. Markdown is fine." : "Shown beside what waits for a decision. Markdown is fine."}
        >
          <textarea
            id={field("instructions")}
            value={data.instructions}
            maxLength={GRAPH_LIMITS.instructionsLength}
            onChange={(event) => updateNode(id, { instructions: event.target.value }, { coalesceKey: `instructions:${id}` })}
            rows={9}
            className={cx(inputClass, "min-h-40 resize-y leading-relaxed")}
          />
        </Field>
      </Section>

      <Section title={`${definition.title} options`}>
        <OptionsForm
          schema={definition.optionsSchema}
          values={data.options}
          onChange={(key, value) => setNodeOption(id, key, value)}
          idPrefix={field("option")}
        />
      </Section>

      <Section title="Connections">
        <ConnectionsField id={id} role={data.role} />
      </Section>

      <div className="flex gap-2 border-t border-slate-200 px-4 py-3.5">
        <Button size="sm" onClick={duplicateSelection}>
          Duplicate node
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => deleteNodes([id])}>
          Delete node
        </Button>
      </div>
    </div>
  );
}

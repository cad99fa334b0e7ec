"use client";

import type { NodeData } from "@/lib/stores/editor";
import { priceLine, useEditorResources } from "@/components/canvas/editor-resources";
import { tierTitle } from "@/components/ui/tier-badge";
import { Field, inputClass } from "./field";

/** The model override: the tier's default, or any model in the catalog (with its price). */
export function ModelField({ id, data, onChange }: { id: string; data: NodeData; onChange: (model: string | undefined) => void }) {
  const { catalog } = useEditorResources();
  const models = Object.values(catalog.models);
  const tierDefault = catalog.models[catalog.tiers[data.tier]];
  const unknown = data.model !== undefined && !Object.hasOwn(catalog.models, data.model);

  return (
    <Field
      id={id}
      label="Model"
      help={
        data.model
          ? "Overrides the tier's default model for this node only."
          : "Runs the tier's default model. Pick another to override it for this node."
      }
    >
      <select id={id} value={data.model ?? ""} onChange={(event) => onChange(event.target.value || undefined)} className={inputClass}>
        <option value="">Tier default: {tierDefault?.label ?? catalog.tiers[data.tier]}</option>
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.label} ({tierTitle(model.tier).toLowerCase()}) · {priceLine(model)}
          </option>
        ))}
        {unknown && <option value={data.model}>{data.model} · unpriced</option>}
      </select>
    </Field>
  );
}

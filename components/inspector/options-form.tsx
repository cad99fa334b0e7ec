"use client";

import { useState } from "react";
import type { z } from "zod";
import { Field, inputClass } from "./field";
import { optionFields, optionHelp, parseOptionInput, type OptionField } from "./option-fields";

/**
 * One generic form for any options schema (every role's, and the graph settings): fields,
 * bounds, titles and help all come from the zod schema, so a new option needs no UI code.
 */
export function OptionsForm({
  schema,
  values,
  onChange,
  idPrefix,
}: {
  schema: z.ZodObject;
  values: Readonly<Record<string, unknown>>;
  onChange: (key: string, value: unknown) => void;
  idPrefix: string;
}) {
  return (
    <div className="space-y-3">
      {optionFields(schema).map((field) => (
        <OptionInput
          key={field.key}
          id={`${idPrefix}-${field.key}`}
          field={field}
          value={values[field.key]}
          onChange={(value) => onChange(field.key, value)}
        />
      ))}
    </div>
  );
}

function format(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

function OptionInput({ id, field, value, onChange }: { id: string; field: OptionField; value: unknown; onChange: (value: unknown) => void }) {
  // What the user typed may not be a valid value yet; it stays here until it is.
  const [draft, setDraft] = useState(format(value));
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  if (!Object.is(shown, value)) {
    // The value changed elsewhere (undo, import): show it unless the draft already says the same.
    setShown(value);
    const current = parseOptionInput(field, draft);
    if (!current.ok || !Object.is(current.value, value)) {
      setDraft(format(value));
      setError(null);
    }
  }

  const commit = (input: string | boolean) => {
    const parsed = parseOptionInput(field, input);
    setError(parsed.ok ? null : parsed.message);
    if (parsed.ok && !Object.is(parsed.value, value)) onChange(parsed.value);
  };

  const help = optionHelp(field);
  const describedBy = error ? `${id}-error` : help ? `${id}-help` : undefined;

  if (field.kind === "boolean") {
    return (
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" checked={value === true} onChange={(event) => commit(event.target.checked)} className="mt-0.5 size-4" aria-describedby={describedBy} />
        <label htmlFor={id} className="text-xs text-slate-700">
          <span className="font-medium">{field.title}</span>
          {help && <span id={`${id}-help`} className="block text-[11px] text-slate-500">{help}</span>}
        </label>
      </div>
    );
  }

  const control =
    field.kind === "enum" ? (
      <select id={id} value={draft} onChange={(event) => (setDraft(event.target.value), commit(event.target.value))} className={inputClass} aria-describedby={describedBy}>
        {field.optional && <option value="">Default</option>}
        {field.values?.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={id}
        type={field.kind === "text" ? "text" : "number"}
        inputMode={field.kind === "integer" ? "numeric" : field.kind === "number" ? "decimal" : undefined}
        min={field.minimum}
        max={field.maximum}
        step={field.kind === "integer" ? 1 : "any"}
        value={draft}
        placeholder={field.optional ? "default" : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          setDraft(event.target.value);
          commit(event.target.value);
        }}
        className={inputClass}
      />
    );

  return (
    <Field id={id} label={field.title} help={help} error={error}>
      {control}
    </Field>
  );
}

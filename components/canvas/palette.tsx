"use client";

import { useStoreApi } from "@xyflow/react";
import type { DragEvent } from "react";
import { ROLE_DEFINITIONS, ROLES, type Role } from "@/lib/graph";
import { DEFAULT_NODE_SIZE, useEditorStoreApi } from "@/lib/stores/editor";
import { cx } from "@/components/ui/cx";
import { RoleIcon } from "./role-icon";
import { ROLE_STYLE } from "./role-style";

/** Drag-and-drop payload type for a role dragged from the palette. */
export const ROLE_MIME = "application/x-tierflow-role";

/**
 * The three roles, each a button: drag it onto the canvas, or press it (mouse or keyboard)
 * to add the node in the middle of the view.
 */
export function Palette() {
  const store = useEditorStoreApi();
  const flow = useStoreApi();

  const addInView = (role: Role) => {
    const { width, height, transform } = flow.getState();
    const [x, y, zoom] = transform;
    const center = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
    const snap = (value: number) => Math.round(value / 20) * 20;
    store
      .getState()
      .addNode(role, { x: snap(center.x - DEFAULT_NODE_SIZE.width / 2), y: snap(center.y - DEFAULT_NODE_SIZE.height / 2) }, { findSpace: true });
  };

  const onDragStart = (event: DragEvent, role: Role) => {
    event.dataTransfer.setData(ROLE_MIME, role);
    event.dataTransfer.effectAllowed = "copy";
  };

  return (
    <section aria-labelledby="palette-heading" className="p-3">
      <h2 id="palette-heading" className="px-1 text-xs font-semibold tracking-wider text-slate-500 uppercase">
        Add nodes
      </h2>
      <ul className="mt-2 space-y-2">
        {ROLES.map((role) => {
          const definition = ROLE_DEFINITIONS[role];
          const style = ROLE_STYLE[role];
          return (
            <li key={role}>
              <button
                type="button"
                draggable
                onDragStart={(event) => onDragStart(event, role)}
                onClick={() => addInView(role)}
                aria-label={`Add ${definition.title.toLowerCase()}`}
                aria-describedby={`palette-${role}-description`}
                className={cx(
                  "group flex w-full cursor-grab items-start gap-2.5 rounded-lg border border-slate-200 bg-white p-2.5 text-left shadow-xs transition",
                  "hover:border-slate-300 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-sky-600 active:cursor-grabbing",
                )}
              >
                <span className={cx("grid size-8 shrink-0 place-items-center rounded-md", style.tint, style.text)}>
                  <RoleIcon role={role} className="size-[18px]" />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-semibold text-slate-900">{definition.title}</span>
                  <span id={`palette-${role}-description`} className="block text-xs leading-4 text-slate-500">
                    {definition.description}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 px-1 text-xs leading-4 text-slate-500">Drag one onto the canvas, or click it (or press Enter on it) to add it in the middle of the view.</p>
    </section>
  );
}

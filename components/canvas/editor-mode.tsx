"use client";

import { createContext, useContext } from "react";

/**
 * Whether the editor is open read-only (a viewer's). Canvas parts that edit — dragging,
 * connecting, node quick actions, toolbar commands — read this and stand down; the API
 * refuses viewers' writes whatever the UI does.
 */
export const EditorReadOnlyContext = createContext(false);

export function useEditorReadOnly(): boolean {
  return useContext(EditorReadOnlyContext);
}

/** The canvas editor's store: React Flow nodes and edges, selection, validation and undo history. */
export { createEditorStore, COALESCE_MS, HISTORY_LIMIT, PASTE_OFFSET, type EditorInit, type EditorStoreApi } from "./store";
export { EditorStoreProvider, useEditorStore, useEditorStoreApi, useGraphDocument } from "./provider";
export { connectableTargets, connectionProblem } from "./connection";
export { HANDLES, edgeKindFromHandle, nodeAriaLabel, toGraphDocument } from "./convert";
export { DEFAULT_NODE_SIZE } from "./layout";
export type * from "./types";

import type { GraphDocument } from "@/lib/graph";
import { parseStoredGraph } from "@/lib/graphs/stored-document";

/**
 * Edits not yet on the server, kept in this browser as a crash-safety net: a reload, a crash
 * or a lost connection never loses work. Saved edits (problems and all) are cleared from it.
 * `baseVersion` is the server version they build on.
 */
export interface LocalDraft {
  baseVersion: number;
  graph: GraphDocument;
  savedAt: string;
  /** The page that wrote it: a save in another tab must not clear this tab's draft. */
  writer: string;
}

const key = (graphId: string) => `tierflow:draft:${graphId}`;

export function readDraft(graphId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(graphId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof value.baseVersion !== "number" || typeof value.savedAt !== "string" || typeof value.writer !== "string") return null;
    // A draft kept by an older version is migrated like any stored document; an unreadable one is dropped.
    const read = parseStoredGraph(value.graph);
    return read.ok ? { baseVersion: value.baseVersion, graph: read.graph, savedAt: value.savedAt, writer: value.writer } : null;
  } catch {
    return null;
  }
}

export function writeDraft(graphId: string, draft: Omit<LocalDraft, "savedAt">) {
  try {
    window.localStorage.setItem(key(graphId), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the server copy is all there is.
  }
}

/** Removes the draft; with `writer`, only a draft that page wrote. */
export function clearDraft(graphId: string, writer?: string) {
  try {
    if (writer !== undefined && readDraft(graphId)?.writer !== writer) return;
    window.localStorage.removeItem(key(graphId));
  } catch {
    // Nothing to clear.
  }
}

/** JSON with object keys sorted, so documents compare by content whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

import type { TranscriptEntry } from "@/lib/stores/run";

/** One file an instance read, with the lines it asked for (absent: the whole file). */
export interface FileRead {
  path: string;
  lines?: string;
  ok: boolean | null;
}

/**
 * The files an instance read, in order, from its `read_file` tool calls: what the run view and a
 * share page list above the transcript (arguments only, never the text the tool returned).
 */
export function filesRead(entries: readonly TranscriptEntry[]): FileRead[] {
  return entries.flatMap((entry) => {
    if (entry.kind !== "tool" || (entry.source?.name ?? entry.tool) !== "read_file") return [];
    let args: { path?: unknown; startLine?: unknown; endLine?: unknown };
    try {
      args = JSON.parse(entry.arguments || "{}") as typeof args;
    } catch {
      return [];
    }
    if (typeof args.path !== "string") return [];
    const from = typeof args.startLine === "number" ? args.startLine : undefined;
    const to = typeof args.endLine === "number" ? args.endLine : undefined;
    const lines = from !== undefined || to !== undefined ? `${from ?? 1}–${to ?? "end"}` : undefined;
    return [{ path: args.path, ...(lines ? { lines } : {}), ok: entry.result ? entry.result.ok : null }];
  });
}

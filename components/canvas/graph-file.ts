import type { GraphDocument } from "@/lib/graph";
import { downloadFile } from "@/components/ui/download";

/** A file name for an exported graph: `research-and-review.tierflow.json`. */
export function exportFileName(graphName: string): string {
  const slug = graphName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "graph"}.tierflow.json`;
}

/** The document as exported: indented, so it diffs and reads well. */
export function serializeGraph(document: GraphDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Parses JSON text, describing a syntax error in words instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: false, message: "There is nothing to import: the text is empty." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `This is not valid JSON (${reason}).` };
  }
}

/** Starts a download of `text` as a JSON file. */
export const downloadJson = (fileName: string, text: string) => downloadFile(fileName, text, "application/json");

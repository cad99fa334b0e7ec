import { db } from "@/lib/db";
import type { DocumentFileInfo, DocumentReader } from "@/lib/tools/documents";
import { requireCollections } from "./collections";
import { searchCollections } from "./search";

/**
 * The document tools' view of a run: only these collections, checked against the workspace
 * once here, so a run can never name another workspace's files. The file list is read once.
 */
export async function createDocumentReader(workspaceId: string, collectionIds: readonly string[]): Promise<DocumentReader> {
  const ids = await requireCollections(workspaceId, collectionIds);
  const where = { workspaceId, collectionId: { in: ids } };
  let files: Promise<DocumentFileInfo[]> | undefined;
  return {
    list: () =>
      (files ??= db.document.findMany({ where, select: { path: true, sizeBytes: true, kind: true, lineCount: true }, orderBy: [{ path: "asc" }, { collectionId: "asc" }] })),
    read: async (path) => {
      const row = await db.document.findFirst({ where: { ...where, path }, select: { path: true, text: true, lineCount: true }, orderBy: { collectionId: "asc" } });
      return row ?? null;
    },
    search: (query, limit) => searchCollections(ids, query, limit),
  };
}

/**
 * What a run's planners are told about its attached files (after the task): real models and
 * the simulator alike fan out over this list, then read the files with the document tools.
 */
export function documentManifest(files: readonly DocumentFileInfo[]): string {
  if (files.length === 0) return "";
  const lines = files.map((file) => `- ${file.path} (${file.kind}, ${file.sizeBytes} bytes)`);
  return `Attached files (${files.length}; read them with list_files, read_file and search_files):\n${lines.join("\n")}`;
}

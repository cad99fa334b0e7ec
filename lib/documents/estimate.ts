import type { EstimateDocuments } from "@/lib/models/estimate";
import { READ_FILE_MAX_CHARS } from "@/lib/tools";
import { createDocumentReader, documentManifest } from "./reader";

// Source code and prose run about four bytes to a token in o200k.
const BYTES_PER_TOKEN = 4;

/** What attached collections will feed a run's models, from the files' sizes (read once; nothing is tokenized). */
export async function documentEstimate(workspaceId: string, collectionIds: readonly string[]): Promise<EstimateDocuments | undefined> {
  if (collectionIds.length === 0) return undefined;
  const files = await (await createDocumentReader(workspaceId, collectionIds)).list();
  if (files.length === 0) return undefined;
  const read = files.reduce((n, file) => n + Math.min(file.sizeBytes, READ_FILE_MAX_CHARS), 0) / files.length;
  return { listing: documentManifest(files), files: files.length, readTokens: Math.ceil(read / BYTES_PER_TOKEN) + 20 };
}

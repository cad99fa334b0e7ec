import type { CollectionSummary, DocumentSummary } from "@/lib/documents/collections";
import type { UploadResult } from "@/lib/documents/upload";
import { call } from "@/components/workspace/graph-api";

export type { CollectionSummary, DocumentSummary, UploadResult };

const BASE = "/api/v1/documents/collections";
const at = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** A file picked for upload and the path it keeps (a folder's files keep their tree). */
export interface PickedFile {
  file: File;
  path: string;
}

/** The document library's REST API, for client components. */
export const documentsApi = {
  collections: () => call<{ collections: CollectionSummary[] }>("GET", BASE),
  create: (name: string) => call<CollectionSummary>("POST", BASE, { name }),
  remove: (id: string) => call<void>("DELETE", at(id)),
  files: (id: string) => call<{ files: DocumentSummary[] }>("GET", `${at(id)}/files`),
  removeFile: (id: string, fileId: string) => call<void>("DELETE", `${at(id)}/files/${encodeURIComponent(fileId)}`),
  /** Multipart: the browser sets the boundary, so no content type is given here. */
  upload: (id: string, files: readonly PickedFile[]) => {
    const form = new FormData();
    for (const { file, path } of files) form.append("files", file, path);
    return call<UploadResult>("POST", `${at(id)}/files`, undefined, { body: form });
  },
};

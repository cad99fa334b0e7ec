import type { ApiOperation } from "@/lib/api/openapi";
import { createCollectionBody, DOCUMENT_LIMITS, formatBytes, searchQuery } from "@/lib/documents";

/** The document library's operations. Part of `OPERATIONS` (operations.ts). */
export const DOCUMENT_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "GET", route: "/api/v1/documents/collections", operationId: "listCollections", tag: "Documents", auth: "workspace",
    summary: "List the workspace's document collections",
    response: { status: 200, description: "`{ collections }` with each one's file count and size, by name." },
  },
  {
    method: "POST", route: "/api/v1/documents/collections", operationId: "createCollection", tag: "Documents", auth: "workspace", minRole: "editor",
    summary: "Create a document collection",
    body: createCollectionBody,
    errors: ["conflict"],
    response: { status: 201, description: "The empty collection." },
  },
  {
    method: "DELETE", route: "/api/v1/documents/collections/[id]", operationId: "deleteCollection", tag: "Documents", auth: "workspace", minRole: "editor",
    summary: "Delete a collection with its files",
    description: "Past runs keep their transcripts.",
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "GET", route: "/api/v1/documents/collections/[id]/files", operationId: "listCollectionFiles", tag: "Documents", auth: "workspace",
    summary: "List a collection's files",
    response: { status: 200, description: "`{ files }`: id, path, kind, size in bytes and line count, by path." },
  },
  {
    method: "POST", route: "/api/v1/documents/collections/[id]/files", operationId: "uploadFiles", tag: "Documents", auth: "workspace", minRole: "editor",
    summary: "Upload files, a folder or a .zip",
    description:
      `\`multipart/form-data\` with one \`files\` field per file, its filename being its relative path. \`.zip\` archives are unpacked. ` +
      `Limits: ${formatBytes(DOCUMENT_LIMITS.maxFileBytes)} per file, ${formatBytes(DOCUMENT_LIMITS.maxUploadBytes)} per upload (also unpacked), ` +
      `${DOCUMENT_LIMITS.maxFilesPerUpload} files per upload, ${formatBytes(DOCUMENT_LIMITS.maxWorkspaceBytes)} per workspace. An entry with \`..\`, an absolute path ` +
      "or a symlink, or a zip that unpacks past the limit, refuses the whole upload; binary files are skipped and listed with why.",
    errors: ["payload_too_large", "unprocessable"],
    response: { status: 201, description: "`{ added, skipped }`: the files stored (path, kind, size) and those left out (path, reason)." },
  },
  {
    method: "DELETE", route: "/api/v1/documents/collections/[id]/files/[fileId]", operationId: "deleteCollectionFile", tag: "Documents", auth: "workspace", minRole: "editor",
    summary: "Delete a file",
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "GET", route: "/api/v1/documents/collections/[id]/search", operationId: "searchCollection", tag: "Documents", auth: "workspace",
    summary: "Search a collection",
    description: "BM25 over the collection's chunks, as the `search_files` tool ranks them.",
    query: searchQuery,
    response: { status: 200, description: "`{ hits }`: path, startLine, endLine, snippet and score, best first." },
  },
];

export {
  createCollection,
  createCollectionBody,
  deleteCollection,
  deleteDocument,
  listCollections,
  listDocuments,
  requireCollection,
  requireCollections,
  type CollectionSummary,
  type DocumentSummary,
} from "./collections";
export { DOCUMENT_KINDS, extractDocument, type DocumentKind } from "./extract";
export { DOCUMENT_LIMITS, formatBytes, type DocumentLimits } from "./limits";
export { createDocumentReader, documentManifest } from "./reader";
export { searchCollections } from "./search";
export { uploadDocuments, type UploadedFile, type UploadResult } from "./upload";
export { readUploadForm, searchQuery } from "./form";
export { documentEstimate } from "./estimate";

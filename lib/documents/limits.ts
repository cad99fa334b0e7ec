/** Size limits of the document library; every refusal names the limit it hit. */
export interface DocumentLimits {
  /** Largest single file, in bytes (a zip entry's unpacked size). */
  maxFileBytes: number;
  /** Largest upload, in bytes: the request, and separately everything a zip unpacks to. */
  maxUploadBytes: number;
  /** Most files one upload may add (zip entries included). */
  maxFilesPerUpload: number;
  /** Most bytes of files one workspace may keep. */
  maxWorkspaceBytes: number;
}

const MB = 1024 * 1024;

export const DOCUMENT_LIMITS: DocumentLimits = {
  maxFileBytes: 4 * MB,
  maxUploadBytes: 64 * MB,
  maxFilesPerUpload: 5_000,
  maxWorkspaceBytes: 256 * MB,
};

/** "4 MB", "512 KB", "300 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

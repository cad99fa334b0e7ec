import { AppError } from "@/lib/errors";

/**
 * A file's path inside a collection, `/`-separated and relative. A path that climbs out
 * (`..`), starts at a root (`/x`, `C:\x`, `\\server`) or holds control characters is refused:
 * an upload is all or nothing, so a hostile archive adds nothing at all.
 */
export function normalizeDocumentPath(raw: string): string {
  const slashed = raw.replace(/\\/g, "/");
  if (/^\//.test(slashed) || /^[a-zA-Z]:/.test(slashed)) throw refused(raw, "is an absolute path");
  if (/[\u0000-\u001f]/.test(slashed)) throw refused(raw, "contains control characters");
  const parts = slashed.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw refused(raw, "climbs out of the upload with `..`");
  if (parts.length === 0) throw refused(raw, "is empty");
  const path = parts.join("/");
  if (path.length > 1000) throw refused(raw.slice(0, 80) + "…", "is longer than 1,000 characters");
  return path;
}

function refused(path: string, why: string): AppError {
  return new AppError("unprocessable", `Upload refused: "${path}" ${why}.`, { path, reason: why });
}

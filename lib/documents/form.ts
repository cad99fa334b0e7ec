import { z } from "zod";
import { AppError } from "@/lib/errors";
import { DOCUMENT_LIMITS, formatBytes } from "./limits";
import type { UploadedFile } from "./upload";

// Multipart framing around the files: a little room over the upload limit.
const FORM_OVERHEAD = 1024 * 1024;

/**
 * The files of a `multipart/form-data` upload (fields named `files`; each file's name is its
 * relative path, so a folder keeps its tree). A body declared past the upload limit is refused
 * before it is read.
 */
export async function readUploadForm(request: Request, maxUploadBytes = DOCUMENT_LIMITS.maxUploadBytes): Promise<UploadedFile[]> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxUploadBytes + FORM_OVERHEAD) {
    throw new AppError("payload_too_large", `Upload refused: ${formatBytes(declared)} is over the ${formatBytes(maxUploadBytes)} upload limit.`);
  }
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send the files as multipart/form-data, each in a field named `files`.");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "The upload is not readable multipart/form-data.");
  }
  const files = form.getAll("files").filter((value): value is File => typeof value !== "string");
  if (files.length === 0) throw new AppError("unprocessable", "Choose at least one file, folder or .zip to upload.");
  return Promise.all(files.map(async (file) => ({ path: file.name, bytes: Buffer.from(await file.arrayBuffer()) })));
}

/** `GET /api/v1/documents/collections/:id/search?q=&limit=`. */
export const searchQuery = z.object({
  q: z.string().trim().max(500, "A query is at most 500 characters.").default("").describe("Words to look for; an empty query finds nothing."),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe("Results, 1 to 50."),
});

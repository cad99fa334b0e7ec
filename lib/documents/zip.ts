import yauzl from "yauzl";
import { AppError } from "@/lib/errors";
import { formatBytes, type DocumentLimits } from "./limits";
import { normalizeDocumentPath } from "./paths";

/** A file unpacked from a zip, or why it was left out. */
export type ZipEntry = { path: string; bytes: Buffer } | { path: string; skipped: string };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

function bomb(message: string): AppError {
  return new AppError("payload_too_large", `Upload refused: ${message}`);
}

/**
 * Unpacks a zip held in memory with yauzl, one entry at a time. Refused before anything is
 * written: an entry with `..`, an absolute path or a symlink, and a zip bomb, checked twice:
 * by the sizes the archive declares (before inflating anything) and by the bytes that actually
 * come out while streaming, which stop at the limit (yauzl also fails an entry that inflates past
 * its declared size). Directories are skipped; entries over the per-file limit are skipped with
 * the reason.
 */
export async function readZip(zip: Buffer, limits: DocumentLimits, name = "the zip"): Promise<ZipEntry[]> {
  let archive: yauzl.ZipFile;
  try {
    // decodeStrings off: yauzl would throw a generic error on a bad path; ours names the entry.
    archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(zip, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, file) => (error ? reject(error) : resolve(file))),
    );
  } catch (error) {
    throw new AppError("unprocessable", `${name} is not a readable zip archive (${(error as Error).message}).`);
  }
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    archive.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      archive.readEntry();
    });
    archive.on("end", resolve);
    archive.on("error", reject);
    archive.readEntry();
  }).catch((error: Error) => {
    throw new AppError("unprocessable", `${name} is not a readable zip archive (${error.message}).`);
  });

  const files: { entry: yauzl.Entry; path: string }[] = [];
  const out: ZipEntry[] = [];
  let declared = 0;
  for (const entry of entries) {
    const raw = decodeName(entry);
    if (raw.endsWith("/") || raw.endsWith("\\")) continue; // a directory
    const path = normalizeDocumentPath(raw);
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK) throw new AppError("unprocessable", `Upload refused: "${path}" is a symbolic link.`, { path, reason: "symlink" });
    if (mode !== 0 && mode !== S_IFREG) {
      out.push({ path, skipped: "not a regular file" });
      continue;
    }
    if (entry.uncompressedSize > limits.maxFileBytes) {
      out.push({ path, skipped: `larger than the ${formatBytes(limits.maxFileBytes)} per-file limit (${formatBytes(entry.uncompressedSize)})` });
      continue;
    }
    declared += entry.uncompressedSize;
    files.push({ entry, path });
  }
  if (files.length > limits.maxFilesPerUpload) throw bomb(`${name} holds ${files.length} files; one upload takes at most ${limits.maxFilesPerUpload}.`);
  if (declared > limits.maxUploadBytes) {
    throw bomb(`${name} unpacks to ${formatBytes(declared)}, over the ${formatBytes(limits.maxUploadBytes)} upload limit.`);
  }

  let unpacked = 0;
  try {
    for (const { entry, path } of files) {
      const bytes = await readEntry(archive, entry, path, (n) => {
        unpacked += n;
        return unpacked <= limits.maxUploadBytes;
      });
      out.push({ path, bytes });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw bomb(`${name} inflates past the sizes it declares (${(error as Error).message}).`);
  } finally {
    archive.close();
  }
  return out;
}

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  // Bit 11: the name is UTF-8; older archivers wrote CP437, of which ASCII is the common part.
  return (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString("utf8") : raw.toString("latin1");
}

/** One entry's bytes; `admit(n)` false stops the stream at once (the upload passed its limit). */
function readEntry(archive: yauzl.ZipFile, entry: yauzl.Entry, path: string, admit: (n: number) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    archive.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const parts: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!admit(chunk.length)) {
          stream.destroy();
          reject(bomb(`unpacking "${path}" passed the upload limit; the archive is refused.`));
          return;
        }
        parts.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(parts)));
    });
  });
}

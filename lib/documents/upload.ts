import { randomBytes } from "node:crypto";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { chunkDocument } from "./chunk";
import { requireCollection } from "./collections";
import { extractDocument, type DocumentKind } from "./extract";
import { DOCUMENT_LIMITS, formatBytes, type DocumentLimits } from "./limits";
import { normalizeDocumentPath } from "./paths";
import { chunkTermFrequencies, DECLARED_NAME } from "./terms";
import { readZip } from "./zip";

/** A file as the request carried it: its relative path (a folder upload keeps its tree) and bytes. */
export interface UploadedFile {
  path: string;
  bytes: Buffer;
}

/** What an upload did: files added (or replaced, same path) and files left out with why. */
export interface UploadResult {
  added: { path: string; kind: DocumentKind; sizeBytes: number }[];
  skipped: { path: string; reason: string }[];
}

const tooLarge = (message: string) => new AppError("payload_too_large", `Upload refused: ${message}`);

/**
 * Adds files to a collection: `.zip` archives are unpacked (lib/documents/zip.ts), text is
 * extracted, chunked and indexed, all in one transaction. Refused as a whole, before anything
 * is stored: a bad path, a symlink, a zip bomb, a file over the per-file limit, and an upload
 * past the upload or workspace limit. Binary and unreadable files are skipped and listed.
 */
export async function uploadDocuments(
  workspaceId: string,
  collectionId: string,
  uploads: readonly UploadedFile[],
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<UploadResult> {
  await requireCollection(workspaceId, collectionId);
  const requestBytes = uploads.reduce((n, file) => n + file.bytes.length, 0);
  if (requestBytes > limits.maxUploadBytes) throw tooLarge(`${formatBytes(requestBytes)} is over the ${formatBytes(limits.maxUploadBytes)} upload limit.`);

  const files: UploadedFile[] = [];
  const skipped: UploadResult["skipped"] = [];
  let unpackedBytes = 0;
  for (const upload of uploads) {
    const path = normalizeDocumentPath(upload.path);
    if (!path.toLowerCase().endsWith(".zip")) {
      if (upload.bytes.length > limits.maxFileBytes) {
        throw tooLarge(`"${path}" is ${formatBytes(upload.bytes.length)}, over the ${formatBytes(limits.maxFileBytes)} per-file limit.`);
      }
      files.push({ path, bytes: upload.bytes });
      continue;
    }
    // Every archive in one upload shares the upload's unpacked budget.
    const remaining = { ...limits, maxUploadBytes: limits.maxUploadBytes - unpackedBytes, maxFilesPerUpload: limits.maxFilesPerUpload - files.length };
    for (const entry of await readZip(upload.bytes, remaining, `"${path}"`)) {
      if ("skipped" in entry) skipped.push({ path: entry.path, reason: entry.skipped });
      else {
        unpackedBytes += entry.bytes.length;
        files.push(entry);
      }
    }
  }
  if (files.length > limits.maxFilesPerUpload) throw tooLarge(`${files.length} files; one upload takes at most ${limits.maxFilesPerUpload}.`);

  const latest = new Map(files.map((file) => [file.path, file])); // the same path twice: the later one wins
  const replaced = await db.document.findMany({ where: { collectionId, path: { in: [...latest.keys()] } }, select: { sizeBytes: true } });
  const stored = await db.document.aggregate({ where: { workspaceId }, _sum: { sizeBytes: true } });
  const incoming = [...latest.values()].reduce((n, file) => n + file.bytes.length, 0);
  const after = (stored._sum.sizeBytes ?? 0) - replaced.reduce((n, r) => n + r.sizeBytes, 0) + incoming;
  if (after > limits.maxWorkspaceBytes) {
    throw tooLarge(`the workspace would hold ${formatBytes(after)} of documents, over its ${formatBytes(limits.maxWorkspaceBytes)} limit. Delete files or collections first.`);
  }

  const added: UploadResult["added"] = [];
  const rows = { documents: [] as DocumentRow[], chunks: [] as ChunkRow[], postings: [] as PostingRow[] };
  for (const file of latest.values()) {
    const extracted = await extractDocument(file.path, file.bytes);
    if ("skipped" in extracted) {
      skipped.push({ path: file.path, reason: extracted.skipped });
      continue;
    }
    indexInto(rows, { workspaceId, collectionId, path: file.path, kind: extracted.kind, text: extracted.text, sizeBytes: file.bytes.length });
    added.push({ path: file.path, kind: extracted.kind, sizeBytes: file.bytes.length });
  }
  await store(collectionId, rows);
  return { added, skipped };
}

/** 96 random bits in 16 characters: every posting repeats its chunk's id, so shorter ids shrink the index. */
const newId = () => randomBytes(12).toString("base64url");

type DocumentRow = { id: string; workspaceId: string; collectionId: string; path: string; kind: string; sizeBytes: number; text: string; lineCount: number };
type ChunkRow = { id: string; documentId: string; collectionId: string; startLine: number; endLine: number; termCount: number; text: string };
type PostingRow = { term: string; chunkId: string; collectionId: string; frequency: number; chunkTerms: number };

function indexInto(
  rows: { documents: DocumentRow[]; chunks: ChunkRow[]; postings: PostingRow[] },
  doc: { workspaceId: string; collectionId: string; path: string; kind: DocumentKind; text: string; sizeBytes: number },
): void {
  const documentId = newId();
  rows.documents.push({ id: documentId, ...doc, lineCount: doc.text.split("\n").length });
  for (const chunk of chunkDocument(doc.kind, doc.text)) {
    const chunkId = newId();
    const { frequencies, length } = chunkTermFrequencies(chunk.text, doc.path, DECLARED_NAME);
    for (const [term, frequency] of frequencies) rows.postings.push({ term, chunkId, collectionId: doc.collectionId, frequency, chunkTerms: length });
    rows.chunks.push({ id: chunkId, documentId, collectionId: doc.collectionId, startLine: chunk.startLine, endLine: chunk.endLine, termCount: length, text: chunk.text });
  }
}

const BATCH = 2_000;

/**
 * Chunks and postings go in as multi-row INSERTs built with `Prisma.sql` (parameterised, so the
 * same on SQLite and Postgres): about ten times faster than `createMany` for the hundreds of
 * thousands of postings a repository makes (e2e/perf/documents-bench.ts).
 */
async function store(collectionId: string, rows: { documents: DocumentRow[]; chunks: ChunkRow[]; postings: PostingRow[] }): Promise<void> {
  const paths = rows.documents.map((d) => d.path);
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < paths.length; i += BATCH) await tx.document.deleteMany({ where: { collectionId, path: { in: paths.slice(i, i + BATCH) } } });
      for (let i = 0; i < rows.documents.length; i += BATCH) await tx.document.createMany({ data: rows.documents.slice(i, i + BATCH) });
      for (let i = 0; i < rows.chunks.length; i += BATCH) {
        const values = rows.chunks.slice(i, i + BATCH).map((c) => Prisma.sql`(${c.id}, ${c.documentId}, ${c.collectionId}, ${c.startLine}, ${c.endLine}, ${c.termCount}, ${c.text})`);
        await tx.$executeRaw`INSERT INTO "DocumentChunk" ("id", "documentId", "collectionId", "startLine", "endLine", "termCount", "text") VALUES ${Prisma.join(values)}`;
      }
      for (let i = 0; i < rows.postings.length; i += BATCH) {
        const values = rows.postings.slice(i, i + BATCH).map((p) => Prisma.sql`(${p.term}, ${p.chunkId}, ${p.collectionId}, ${p.frequency}, ${p.chunkTerms})`);
        await tx.$executeRaw`INSERT INTO "DocumentPosting" ("term", "chunkId", "collectionId", "frequency", "chunkTerms") VALUES ${Prisma.join(values)}`;
      }
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** A workspace's document collections and their files: what the Documents page and the API list. */
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { DocumentKind } from "./extract";

/** `GET /api/v1/documents/collections`: a collection with its totals. */
export interface CollectionSummary {
  id: string;
  name: string;
  fileCount: number;
  sizeBytes: number;
  createdAt: string;
}

/** `GET /api/v1/documents/collections/:id/files`: a file as the library lists it. */
export interface DocumentSummary {
  id: string;
  path: string;
  kind: DocumentKind;
  sizeBytes: number;
  lineCount: number;
}

/** `POST /api/v1/documents/collections`. */
export const createCollectionBody = z.object({
  name: z.string().trim().min(1, "Name the collection.").max(100, "A collection name is at most 100 characters."),
});

/** The collection, checked against the workspace: another workspace's id answers 404. */
export async function requireCollection(workspaceId: string, collectionId: string): Promise<{ id: string; name: string }> {
  const collection = await db.documentCollection.findFirst({ where: { id: collectionId, workspaceId }, select: { id: true, name: true } });
  if (!collection) throw AppError.notFound("Collection");
  return collection;
}

export async function listCollections(workspaceId: string): Promise<CollectionSummary[]> {
  const [collections, totals] = await Promise.all([
    db.documentCollection.findMany({ where: { workspaceId }, orderBy: { name: "asc" } }),
    db.document.groupBy({ by: ["collectionId"], where: { workspaceId }, _count: { _all: true }, _sum: { sizeBytes: true } }),
  ]);
  const byId = new Map(totals.map((t) => [t.collectionId, t]));
  return collections.map((c) => ({
    id: c.id,
    name: c.name,
    fileCount: byId.get(c.id)?._count._all ?? 0,
    sizeBytes: byId.get(c.id)?._sum.sizeBytes ?? 0,
    createdAt: c.createdAt.toISOString(),
  }));
}

export async function createCollection(workspaceId: string, body: z.infer<typeof createCollectionBody>): Promise<CollectionSummary> {
  const taken = await db.documentCollection.findFirst({ where: { workspaceId, name: body.name }, select: { id: true } });
  if (taken) throw new AppError("conflict", `A collection named "${body.name}" already exists.`);
  const row = await db.documentCollection.create({ data: { workspaceId, name: body.name } });
  return { id: row.id, name: row.name, fileCount: 0, sizeBytes: 0, createdAt: row.createdAt.toISOString() };
}

/** Deletes a collection with its files and index; past runs keep their transcripts. */
export async function deleteCollection(workspaceId: string, collectionId: string): Promise<void> {
  await requireCollection(workspaceId, collectionId);
  await db.documentCollection.delete({ where: { id: collectionId } });
}

export async function listDocuments(workspaceId: string, collectionId: string): Promise<DocumentSummary[]> {
  await requireCollection(workspaceId, collectionId);
  const rows = await db.document.findMany({
    where: { collectionId, workspaceId },
    select: { id: true, path: true, kind: true, sizeBytes: true, lineCount: true },
    orderBy: { path: "asc" },
  });
  return rows.map((row) => ({ ...row, kind: row.kind as DocumentKind }));
}

export async function deleteDocument(workspaceId: string, collectionId: string, documentId: string): Promise<void> {
  await requireCollection(workspaceId, collectionId);
  const { count } = await db.document.deleteMany({ where: { id: documentId, collectionId, workspaceId } });
  if (count === 0) throw AppError.notFound("File");
}

/** Workspace-checked collection ids for a run: an unknown or foreign id answers 404, naming none of the others. */
export async function requireCollections(workspaceId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await db.documentCollection.findMany({ where: { workspaceId, id: { in: unique } }, select: { id: true } });
  if (found.length !== unique.length) throw AppError.notFound("Document collection");
  return unique;
}

import { db } from "@/lib/db";
import type { Graph } from "@/lib/generated/prisma/client";
import type { GraphDocument, GraphIssue } from "@/lib/graph";
import { AppError } from "@/lib/errors";
import { parseStoredGraph, readStoredGraph } from "./stored-document";
import { problemsOf, requireWellFormedGraph, workspaceGraphChecks, type GraphChecks } from "./validation";

/** A stored graph as the API returns it. */
export interface GraphRecord {
  id: string;
  name: string;
  graph: GraphDocument;
  /** What keeps the graph from running (it is saved all the same); empty when it can run. */
  problems: GraphIssue[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the graph list: enough to show, not the whole document. */
export interface GraphSummary {
  id: string;
  name: string;
  version: number;
  /** Null when the stored document cannot be read; opening the graph says why. */
  nodeCount: number | null;
  /** How many problems keep it from running; null when the stored document cannot be read. */
  problemCount: number | null;
  /** Runs of the graph stopped at an approval step, waiting for a person. */
  waitingRuns: number;
  updatedAt: string;
}

/** A stored row as the API returns it; problems are judged against the workspace's tools and catalog (`checks`). */
function toRecord(row: Graph, checks: GraphChecks): GraphRecord {
  const graph = readStoredGraph(row.document, { kind: "graph", id: row.id });
  return {
    id: row.id,
    name: row.name,
    graph,
    problems: problemsOf(graph, checks),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listGraphs(workspaceId: string): Promise<GraphSummary[]> {
  const [rows, checks, waiting] = await Promise.all([
    db.graph.findMany({ where: { workspaceId }, orderBy: { updatedAt: "desc" } }),
    workspaceGraphChecks(workspaceId),
    db.run.groupBy({ by: ["graphId"], where: { workspaceId, status: "waiting" }, _count: { _all: true } }),
  ]);
  const waitingByGraph = new Map(waiting.map((row) => [row.graphId, row._count._all]));
  // One unreadable graph must not hide the others: it is listed, so it can be opened or deleted.
  return rows.map((row) => {
    const read = parseStoredGraph(row.document);
    return {
      id: row.id,
      name: row.name,
      version: row.version,
      nodeCount: read.ok ? read.graph.nodes.length : null,
      problemCount: read.ok ? problemsOf(read.graph, checks).length : null,
      waitingRuns: waitingByGraph.get(row.id) ?? 0,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** Another workspace's graph answers exactly like a missing one. */
export async function getGraph(workspaceId: string, id: string): Promise<GraphRecord> {
  const row = await db.graph.findFirst({ where: { id, workspaceId } });
  if (!row) throw AppError.notFound("Graph");
  return toRecord(row, await workspaceGraphChecks(workspaceId));
}

/**
 * Documents as read, by graph id, for the version read: every save bumps the version, so an entry
 * for the stored version is the stored document. A graph run again and again (an experiment's
 * cases, an API client) is then read and parsed once per edit, not once per run (about 0.8 ms of
 * a 52-node graph's start). Callers share the object and must not change it.
 */
const readDocuments = new Map<string, { version: number; graph: GraphDocument }>();
const READ_DOCUMENTS_KEPT = 100;

/** A stored graph's name and document, without judging its problems (the caller does, once). */
export async function getGraphDocument(workspaceId: string, id: string): Promise<{ name: string; graph: GraphDocument }> {
  const kept = readDocuments.get(id);
  // Something kept: a light read says whether it is still the stored version.
  if (kept) {
    const head = await db.graph.findFirst({ where: { id, workspaceId }, select: { name: true, version: true } });
    if (!head) throw AppError.notFound("Graph");
    if (kept.version === head.version) {
      keep(id, kept);
      return { name: head.name, graph: kept.graph };
    }
  }
  const row = await db.graph.findFirst({ where: { id, workspaceId }, select: { name: true, version: true, document: true } });
  if (!row) throw AppError.notFound("Graph");
  const graph = readStoredGraph(row.document, { kind: "graph", id });
  keep(id, { version: row.version, graph });
  return { name: row.name, graph };
}

/** Keeps a read document as the most recently used; past the limit the least recently used goes (the map's first). */
function keep(id: string, entry: { version: number; graph: GraphDocument }): void {
  readDocuments.delete(id);
  readDocuments.set(id, entry);
  if (readDocuments.size > READ_DOCUMENTS_KEPT) readDocuments.delete(readDocuments.keys().next().value!);
}

/** Stores a well-formed document even when it has problems (the record lists them); a malformed one answers 422. */
export async function createGraph(workspaceId: string, input: { name: string; graph: unknown }): Promise<GraphRecord> {
  const checks = await workspaceGraphChecks(workspaceId);
  const document = requireWellFormedGraph(input.graph, checks).graph;
  const row = await db.graph.create({ data: { workspaceId, name: input.name, document: document as object } });
  return toRecord(row, checks);
}

/**
 * Saves a new name and/or document. With `version`, the save only lands if nobody saved
 * since that version (optimistic concurrency); otherwise it answers 409 with the current one.
 * Like `createGraph`, it stores a document with problems and refuses a malformed one.
 */
export async function updateGraph(
  workspaceId: string,
  id: string,
  input: { name?: string; graph?: unknown; version?: number },
): Promise<GraphRecord> {
  const checks = await workspaceGraphChecks(workspaceId);
  const document = input.graph === undefined ? undefined : requireWellFormedGraph(input.graph, checks).graph;
  // Only the version is needed, not the stored document: saving a well-formed one repairs an unreadable graph.
  const expected = input.version ?? (await storedVersion(workspaceId, id));
  const { count } = await db.graph.updateMany({
    where: { id, workspaceId, version: expected },
    data: {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(document === undefined ? {} : { document: document as object }),
      version: { increment: 1 },
    },
  });
  if (count === 0) {
    const latest = await storedVersion(workspaceId, id);
    throw new AppError(
      "conflict",
      `This graph was changed elsewhere (now version ${latest}, you edited version ${expected}). Reload to get the latest, or save a copy.`,
      { currentVersion: latest },
    );
  }
  const row = await db.graph.findFirst({ where: { id, workspaceId } });
  if (!row) throw AppError.notFound("Graph");
  return toRecord(row, checks);
}

async function storedVersion(workspaceId: string, id: string): Promise<number> {
  const row = await db.graph.findFirst({ where: { id, workspaceId }, select: { version: true } });
  if (!row) throw AppError.notFound("Graph");
  return row.version;
}

export async function deleteGraph(workspaceId: string, id: string): Promise<void> {
  const { count } = await db.graph.deleteMany({ where: { id, workspaceId } });
  if (count === 0) throw AppError.notFound("Graph");
}

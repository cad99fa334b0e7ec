import { AppError } from "@/lib/errors";
import { graphDocumentSchema, migrateGraphDocument, structuralIssues, type GraphDocument, type GraphIssue } from "@/lib/graph";

/**
 * The one read boundary for graph documents stored in the database: a graph's document and a
 * run's snapshot alike. Stored JSON is never cast to `GraphDocument`: it is brought up to the
 * current schema version (lib/graph/migrate.ts) and parsed (lib/graph/schema.ts) here.
 * Graph rules are not checked here: a graph may be saved with problems (lib/graphs/validation.ts
 * lists them with the record), a document readable once stays readable, and starting a run
 * checks the rules again.
 */

/** Which stored document is read, for the error message and the server log. */
export interface StoredDocumentSource {
  kind: "graph" | "run";
  id: string;
}

export type StoredGraphRead =
  | { ok: true; graph: GraphDocument; fromVersion: number }
  | { ok: false; issues: GraphIssue[] };

/** At most this many issues travel in an error's details; the message names the first. */
const MAX_REPORTED_ISSUES = 10;

/** Migrates and parses stored graph JSON; every problem comes back as a GraphIssue, nothing throws. */
export function parseStoredGraph(raw: unknown): StoredGraphRead {
  const migrated = migrateGraphDocument(raw);
  if (!migrated.ok) return { ok: false, issues: [migrated.issue] };
  const parsed = graphDocumentSchema.safeParse(migrated.document);
  if (!parsed.success) return { ok: false, issues: structuralIssues(parsed.error, migrated.document) };
  return { ok: true, graph: parsed.data, fromVersion: migrated.fromVersion };
}

/** Like `parseStoredGraph`, but an unreadable document throws `unreadable_document` (422) naming the first problem. */
export function readStoredGraph(raw: unknown, source: StoredDocumentSource): GraphDocument {
  const read = parseStoredGraph(raw);
  if (read.ok) return read.graph;
  throw unreadableDocument(source, read.issues);
}

function unreadableDocument(source: StoredDocumentSource, issues: GraphIssue[]): AppError {
  const what = source.kind === "graph" ? "This graph's stored document" : "The graph snapshot of this run";
  const rest = issues.length - 1;
  const more = rest > 0 ? ` It has ${rest} more problem${rest === 1 ? "" : "s"}.` : "";
  // An operator needs the id to find the row; the user gets the same reason without it.
  console.warn(`Stored ${source.kind} ${source.id} has an unreadable graph document: ${issues.map((issue) => issue.message).join(" ")}`);
  return new AppError("unreadable_document", `${what} cannot be read by this version of Tierflow. ${issues[0].message}${more}`, {
    document: source.kind === "graph" ? "graph" : "run_snapshot",
    issues: issues.slice(0, MAX_REPORTED_ISSUES),
  });
}

import { z } from "zod";

const graphName = z.string().trim().min(1, "Give the graph a name.").max(120, "Names are at most 120 characters.");

/** `POST /api/v1/graphs`. The document itself is validated by lib/graph, with its own error list. */
export const createGraphBody = z.object({ name: graphName, graph: z.unknown() });

/** `PUT /api/v1/graphs/:id`: any of name and graph; `version` guards against lost updates. */
export const updateGraphBody = z
  .object({ name: graphName.optional(), graph: z.unknown().optional(), version: z.number().int().positive().optional() })
  .refine((body) => body.name !== undefined || body.graph !== undefined, "The request body must have a name, a graph, or both.");

/** `POST /api/v1/graphs/:id/estimate`: `graph` prices the editor's unsaved document instead of the stored one. */
/** Collections a run attaches (`POST …/runs`) or an estimate prices (`POST …/estimate`). */
export const attachedDocumentsField = z
  .array(z.string().min(1).max(100))
  .max(20, "Attach at most 20 collections.")
  .optional()
  .meta({ description: "Ids of document collections whose files the run's document tools (list_files, read_file, search_files) may read." });

export const estimateRunBody = z.object({
  input: z.string().max(100_000, "The task is longer than 100,000 characters."),
  graph: z.unknown().optional(),
  documents: attachedDocumentsField,
});

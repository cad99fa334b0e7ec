import { z } from "zod";
import { RUN_STATUSES } from "@/lib/engine/events";
import { attachedDocumentsField } from "@/lib/graphs/schemas";
import { isSimSpeed, SIM_SPEED } from "@/lib/models/simulator/speed";

/** `POST /api/v1/graphs/:id/runs`. */
export const startRunBody = z.object({
  input: z.string().trim().min(1, "Give the run a task.").max(100_000, "The task is longer than 100,000 characters."),
  budgetUsd: z.number().positive("A budget must be more than $0.").max(10_000, "A budget is at most $10,000.").optional(),
  documents: attachedDocumentsField,
  simulation: z
    .object({
      /** The simulator's speed-up factor (`SIM_SPEED`). Ignored with a real API key. */
      speed: z
        .number()
        .min(SIM_SPEED.instant)
        .max(SIM_SPEED.fastest)
        .refine(isSimSpeed, `Speed is a speed-up factor: 0 for instant, or ${SIM_SPEED.slowest} (ten times slower) and up.`)
        .optional()
        .meta({ description: "Speed-up factor over realistic simulated latency: 1 realistic, 3 three times faster, 0.5 half as fast, 0 instant." }),
      seed: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

export type StartRunBody = z.infer<typeof startRunBody>;

/** The largest seq a run can store: `RunEvent.seq` is a 32-bit integer column. */
export const MAX_EVENT_SEQ = 2_147_483_647;

/**
 * A resume position (`Last-Event-ID` or `?after=`): the seq of the last event the client has,
 * in plain decimal digits with no sign, spaces, exponent or leading zeros, from 0 to
 * MAX_EVENT_SEQ. One rule for the header and the query, so neither is read more loosely.
 */
export const resumePositionSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,9})$/, `must be a whole number from 0 to ${MAX_EVENT_SEQ} in plain digits`)
  .transform(Number)
  .pipe(z.number().max(MAX_EVENT_SEQ, `must be a whole number from 0 to ${MAX_EVENT_SEQ} in plain digits`));

/** A row of a run list: a graph's history, or (with its graph) the workspace's runs. */
export const runListItemSchema = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  input: z.string().describe("The task, cut at 200 characters."),
  simulated: z.boolean(),
  costUsd: z.number(),
  baselineCostUsd: z.number().describe("The same tokens priced on the flagship tier."),
  createdAt: z.iso.datetime(),
  durationMs: z.number().nullable(),
});
export type RunListItem = z.infer<typeof runListItemSchema>;

export const workspaceRunSchema = runListItemSchema.extend({
  graphId: z.string().nullable().describe("Null once the graph was deleted; the run stays."),
  graphName: z.string(),
});
export type WorkspaceRun = z.infer<typeof workspaceRunSchema>;

/** Where a page of runs ended: the last run's creation time and id (runs are listed newest first, ties by id). */
export interface RunCursor {
  createdAt: Date;
  id: string;
}

export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}.${cursor.id}`).toString("base64url");
}

function decodeRunCursor(text: string): RunCursor | null {
  const match = /^(\d{1,15})\.([\w-]{1,100})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  return match ? { createdAt: new Date(Number(match[1])), id: match[2] } : null;
}

/** `GET /api/v1/runs`: filters and a cursor; 400 for an unknown status, a bad limit or a cursor not made here. */
export const listRunsQuery = z.object({
  status: z.enum(RUN_STATUSES).optional().describe("Only runs with this status."),
  graphId: z.string().min(1).max(100).optional().describe("Only runs of this graph."),
  cursor: z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const cursor = decodeRunCursor(text);
      if (!cursor) ctx.addIssue({ code: "custom", message: "Not a cursor from this API: pass `nextCursor` of the previous page unchanged." });
      return cursor ?? z.NEVER;
    })
    .optional()
    .describe("`nextCursor` of the previous page, for the next one."),
  limit: z.coerce
    .number("The limit must be a number.")
    .int("The limit must be a whole number.")
    .min(1, "The limit is at least 1.")
    .max(100, "The limit is at most 100.")
    .default(25)
    .describe("Runs per page, 1 to 100."),
});
export type ListRunsQuery = z.infer<typeof listRunsQuery>;

/** `GET /api/v1/runs`: newest first; `nextCursor` is null on the last page. */
export const runPageSchema = z.object({ runs: z.array(workspaceRunSchema), nextCursor: z.string().nullable() });
export type RunPage = z.infer<typeof runPageSchema>;

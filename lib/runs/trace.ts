import { z } from "zod";
import { RUN_STATUSES, type RunEvent } from "@/lib/engine/events";
import { readRunEvents } from "./event-store";
import { getRunDetail, type RunDetail } from "./queries";

/**
 * A run's whole record as one JSON file: the run (as `GET /api/v1/runs/:id` answers it) and
 * every stored event in order, which is what the run view replays. Of a live run, the
 * events so far.
 */
export interface RunTrace {
  format: typeof TRACE_FORMAT;
  version: 1;
  run: RunDetail;
  events: RunEvent[];
}

const TRACE_FORMAT = "tierflow.run-trace";

/** The trace's shape for the API document; its parts are the run detail and the `RunEvent` union. */
export const runTraceSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(1),
  run: z
    .looseObject({ id: z.string(), graphId: z.string().nullable(), graphName: z.string(), status: z.enum(RUN_STATUSES), input: z.string(), output: z.string().nullable() })
    .describe("The run with its graph snapshot, per-node results and costs, as `GET /api/v1/runs/{id}` answers it."),
  events: z
    .array(z.looseObject({ type: z.string(), runId: z.string(), seq: z.number().int().positive(), ts: z.number() }))
    .describe("Every stored event of the run in `seq` order (run.started, node.started, node.delta, …, the final run event)."),
});

export async function getRunTrace(workspaceId: string, runId: string): Promise<RunTrace> {
  const run = await getRunDetail(workspaceId, runId);
  const events = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
  return { format: TRACE_FORMAT, version: 1, run, events };
}

/** The download's file name: `tierflow-run-<id>-trace.json`. */
export const traceFileName = (runId: string) => `tierflow-run-${runId.replace(/[^\w-]/g, "")}-trace.json`;

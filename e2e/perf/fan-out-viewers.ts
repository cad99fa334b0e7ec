/**
 * What the viewer benchmarks share: a 50-way fan-out graph, and a plain HTTP server that streams
 * a run's events the way the SSE route does (without Next), for the viewer client processes.
 * The lib modules come in as arguments: a bench imports them only after setting its environment.
 */
import http from "node:http";
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import type { GraphDocument } from "@/lib/graph";
import type * as Graph from "@/lib/graph";
import type * as Runs from "@/lib/runs";

/** A planner that splits the work into 50 subtasks, and a 50-wide pool that does them. */
export function fanOutGraph({ createNode, GRAPH_SCHEMA_VERSION }: Pick<typeof Graph, "createNode" | "GRAPH_SCHEMA_VERSION">): GraphDocument {
  const planner = createNode("planner", { id: "plan", label: "Planner", position: { x: 0, y: 0 }, tier: "nano" });
  const pool = createNode("executor", { id: "pool", label: "Worker", position: { x: 280, y: 0 }, tier: "mini" });
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: [
      { ...planner, instructions: "Split the work into 50 subtasks. [sim:items=50] [sim:tokens=40]", options: { ...planner.options, maxSubtasks: 50, maxOutputTokens: 12_000 } },
      { ...pool, instructions: "Do the subtask. [sim:tokens=120] [sim:tool=none]", options: { ...pool.options, concurrency: 50 } },
    ],
    edges: [{ id: "e1", source: "plan", target: "pool", kind: "data" }],
    settings: { maxConcurrency: 64 },
  } as GraphDocument;
}

/**
 * Serves `/?run=<id>`: the run's event stream from the start, for the workspace. The Response
 * goes out the way `next start` sends a route handler's (send-response.js): its status and
 * headers onto the Node response, then Next's own `pipeToNodeResponse`, whose WritableStream
 * writes each chunk and waits for drain; the request's signal aborts when the response closes.
 */
export async function serveRunStreams(workspaceId: string, streamRunEvents: typeof Runs.streamRunEvents): Promise<{ server: http.Server; port: number }> {
  const fans = new Map<string, PeerFan>();
  const server = http.createServer(async (req, res) => {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    const query = new URL(req.url!, "http://x").searchParams;
    const runId = query.get("run")!;
    if (query.has("peer")) return joinPeerFan(fans, runId, res, () => streamRunEvents(workspaceId, runId, 0, new AbortController().signal));
    const response = await streamRunEvents(workspaceId, runId, 0, controller.signal);
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (response.body) await pipeToNodeResponse(response.body, res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** One stream of a run, read once and written as it comes to every peer viewer's response. */
interface PeerFan {
  chunks: Buffer[];
  responses: Set<http.ServerResponse>;
  ended: boolean;
}

/**
 * The peer the viewers bench compares with (`&peer=1`): the run's event stream opened once in
 * this process, and each chunk of it written by a bare `res.write` to every viewer's response,
 * as a hand-written Node SSE fan-out would. A viewer joining late gets the chunks so far first.
 * It is the floor of a Node process writing the same bytes to the same sockets on this machine.
 */
function joinPeerFan(fans: Map<string, PeerFan>, runId: string, res: http.ServerResponse, open: () => Promise<Response>): void {
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform" });
  const fan = fans.get(runId) ?? openPeerFan(fans, runId, open);
  for (const chunk of fan.chunks) res.write(chunk);
  if (fan.ended) return void res.end();
  fan.responses.add(res);
  res.on("close", () => fan.responses.delete(res));
}

/** Opens the run's one stream and writes each chunk to every response joined so far. */
function openPeerFan(fans: Map<string, PeerFan>, runId: string, open: () => Promise<Response>): PeerFan {
  const fan: PeerFan = { chunks: [], responses: new Set(), ended: false };
  fans.set(runId, fan);
  void (async () => {
    const response = await open();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      fan.chunks.push(bytes);
      for (const viewer of fan.responses) viewer.write(bytes);
    }
    fan.ended = true;
    for (const viewer of fan.responses) viewer.end();
    fans.delete(runId);
  })();
  return fan;
}

/** The seqs from 1 to `lastSeq` a viewer did not receive (what it got is keyed by seq). */
export function missingSeqs(received: Record<number, number>, lastSeq: number): number[] {
  const missing: number[] = [];
  for (let seq = 1; seq <= lastSeq; seq++) if (received[seq] === undefined) missing.push(seq);
  return missing;
}

import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isFinalEvent, type RunEvent } from "@/lib/engine/events";
import { readRunEvents } from "./event-store";
import { resumePositionSchema } from "./schemas";
import { runtime } from "./runtime";
import { isTerminalStatus } from "./service";

/** The longest a stream stays silent: a keep-alive comment goes to a stream idle for that long. */
const HEARTBEAT_MS = 15_000;
const HEARTBEAT_TICK_MS = 5_000;
const POLL_MS = 500;

/** How a stream is narrowed for a viewer with less than workspace access (a share link). */
export interface StreamOptions {
  /** Rewrites each event before it is sent (e.g. removes prompts). */
  redact?: (event: RunEvent) => RunEvent;
  /** Re-checked every `everyMs`: the stream ends once it answers false (a revoked link). */
  stillAllowed?: { check: () => Promise<boolean>; everyMs: number };
}

const encoder = new TextEncoder();
const RETRY = encoder.encode("retry: 1000\n\n");
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");
const encodeFrame = (event: RunEvent) => encoder.encode(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);

// Live events are the bus's own objects, shared by every viewer of the run: each is serialised
// and encoded once, however many viewers get it or replay it later. Gone with the run's history.
const frames = new WeakMap<RunEvent, Uint8Array>();
function sharedFrame(event: RunEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) frames.set(event, (frame = encodeFrame(event)));
  return frame;
}

/** A viewer's frames waiting for the end of this turn of the event loop. */
interface Outbox {
  runId: string;
  /** A redacted viewer's frames are its own; everyone else's are shared, keyed by run and seq range. */
  redact?: (event: RunEvent) => RunEvent;
  events: RunEvent[];
  write: (chunk: Uint8Array) => void;
}

const outboxes = new Set<Outbox>();
let flushDue = false;
/** When the next flush may start (performance.now()): see `queue`. */
let nextFlushAt = 0;
/** The longest events wait for a flush to be allowed. */
const MAX_FLUSH_SPACING_MS = 50;

/**
 * Frames sent in one turn of the event loop (a stored batch, a replay) go out as one chunk per
 * viewer, and viewers that get the same events (every live viewer of a run) share that chunk:
 * one concatenation and one timer per turn for the whole process, not one per viewer.
 * A flush to many viewers costs the process milliseconds (a socket write each), so the next one
 * waits as long as the last took (at most 50 ms): events meanwhile go out together, and writing
 * to viewers can never take more than about half the event loop. With a few viewers a flush
 * takes microseconds and every event goes out at the end of its turn; with one, always.
 */
function queue(outbox: Outbox, event: RunEvent): void {
  if (outbox.events.push(event) === 1) outboxes.add(outbox);
  if (flushDue) return;
  flushDue = true;
  const wait = nextFlushAt - performance.now();
  if (wait >= 1) setTimeout(flushOutboxes, wait);
  else setImmediate(flushOutboxes);
}

function flushOutboxes(): void {
  flushDue = false;
  const started = performance.now();
  const streams = outboxes.size;
  for (const outbox of outboxes) flushOutbox(outbox);
  outboxes.clear();
  // A lone viewer (the usual page) is never held back, whatever else the process is doing.
  if (streams < 2) return;
  // The streams write to their sockets in the microtasks and ticks after this: done by the next immediate.
  setImmediate(() => {
    const now = performance.now();
    nextFlushAt = now + Math.min(MAX_FLUSH_SPACING_MS, now - started);
  });
}

/**
 * The chunks of the last few flushes, by run and seq range: viewers who connect one after the
 * other between two events (one page load each) replay the same range, and get the same bytes
 * instead of each a copy of the history. A few entries only: nothing of a finished run stays long.
 */
const recentChunks = new Map<string, Uint8Array>();
const RECENT_CHUNKS = 8;

function sharedChunk(key: string, events: RunEvent[]): Uint8Array {
  let chunk = recentChunks.get(key);
  if (chunk) return chunk;
  chunk = events.length === 1 ? sharedFrame(events[0]) : Buffer.concat(events.map(sharedFrame));
  recentChunks.set(key, chunk);
  if (recentChunks.size > RECENT_CHUNKS) recentChunks.delete(recentChunks.keys().next().value!);
  return chunk;
}

function flushOutbox(outbox: Outbox): void {
  const { events } = outbox;
  if (events.length === 0) return;
  outbox.events = [];
  outboxes.delete(outbox);
  const { redact } = outbox;
  if (redact) return outbox.write(Buffer.concat(events.map((event) => encodeFrame(redact(event)))));
  // A run's events never change once numbered: the same run and seq range is the same bytes.
  const key = `${outbox.runId}\u0000${events[0].seq}\u0000${events[events.length - 1].seq}\u0000${events.length}`;
  outbox.write(sharedChunk(key, events));
}

/** An open stream, as the process's one heartbeat timer sees it. */
interface Beating {
  lastWriteAt: number;
  write: (chunk: Uint8Array) => void;
}

const beating = new Set<Beating>();
let heartbeat: ReturnType<typeof setInterval> | null = null;

/**
 * One timer for every open stream, not one each, and a keep-alive only where nothing else was
 * written lately: a live run's viewers, who get events all the time, get none.
 */
function startBeating(stream: Beating): void {
  beating.add(stream);
  heartbeat ??= setInterval(() => {
    const idleSince = Date.now() - (HEARTBEAT_MS - HEARTBEAT_TICK_MS);
    for (const open of beating) if (open.lastWriteAt <= idleSince) open.write(KEEP_ALIVE);
  }, HEARTBEAT_TICK_MS);
}

function stopBeating(stream: Beating): void {
  beating.delete(stream);
  if (beating.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = null;
  }
}

const reads = new Map<string, Promise<RunEvent[]>>();

/**
 * Stored events after `afterSeq`, one query for every stream asking the same at the same time
 * (viewers opening a finished run together): they also get the same event objects, so each event
 * is encoded once for all of them (`sharedFrame`).
 */
function readShared(runId: string, afterSeq: number): Promise<RunEvent[]> {
  const key = `${runId}\u0000${afterSeq}`;
  let read = reads.get(key);
  if (!read) {
    reads.set(key, (read = readRunEvents(runId, afterSeq)));
    const forget = () => reads.delete(key);
    read.then(forget, forget);
  }
  return read;
}

/**
 * The SSE stream of a run's events after `afterSeq`: a replay, then live events, closing
 * after the final one (an ended run resumed at or past its last event answers 204 instead).
 * A run executing in this process streams from memory; otherwise
 * (finished, or running in another process) stored events are read and polled.
 */
export async function streamRunEvents(
  workspaceId: string,
  runId: string,
  afterSeq: number,
  signal: AbortSignal,
  options: StreamOptions = {},
): Promise<Response> {
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { status: true, lastSeq: true } });
  if (!run) throw AppError.notFound("Run");
  // Events are stored before a run's end is, so an ended run has nothing after its lastSeq:
  // 204 is how SSE says "do not reconnect", where an empty stream would be retried every second.
  if (isTerminalStatus(run.status) && run.lastSeq <= afterSeq) return new Response(null, { status: 204 });
  let stop = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastSeq = afterSeq;
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      const { stillAllowed, redact } = options;
      const access = stillAllowed
        ? setInterval(() => {
            void stillAllowed.check().then((allowed) => {
              if (!allowed) stop();
            }, fail);
          }, stillAllowed.everyMs)
        : undefined;
      const outbox: Outbox & Beating = {
        runId,
        redact,
        events: [],
        lastWriteAt: Date.now(),
        write: (chunk) => {
          if (closed) return;
          outbox.lastWriteAt = Date.now();
          controller.enqueue(chunk);
        },
      };
      startBeating(outbox);
      stop = () => {
        if (closed) return;
        flushOutbox(outbox);
        closed = true;
        stopBeating(outbox);
        clearInterval(access);
        unsubscribe?.();
        signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const send = (event: RunEvent) => {
        if (closed || event.seq <= lastSeq) return;
        lastSeq = event.seq;
        queue(outbox, event);
        if (isFinalEvent(event)) stop();
      };
      signal.addEventListener("abort", stop);
      controller.enqueue(RETRY);

      const poll = async () => {
        unsubscribe = null;
        while (!closed) {
          (await readShared(runId, lastSeq)).forEach(send);
          if (closed) return;
          const current = await db.run.findUnique({ where: { id: runId }, select: { status: true, lastSeq: true } });
          if (!current || (isTerminalStatus(current.status) && current.lastSeq <= lastSeq)) return stop();
          // It may have started running here since we looked: follow it live.
          if (followLive()) return;
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      };
      const followLive = () => {
        unsubscribe = runtime.bus.subscribe(runId, lastSeq, send, () => void poll().catch(fail));
        return unsubscribe !== null;
      };
      const fail = (error: unknown) => {
        console.error(`Event stream of run ${runId} failed:`, error);
        stop();
      };
      // An ended run is all in storage; a bus would only find that out after a wait.
      if (isTerminalStatus(run.status) || !followLive()) void poll().catch(fail);
    },
    cancel() {
      stop();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}

/**
 * A run just started, answered as its event stream from the first event (`POST …/runs` with
 * `Accept: text/event-stream`): one round trip instead of a POST and then a GET. 201 with the
 * run's URL in `Location`; a client that loses the stream resumes on `GET …/events` with
 * `Last-Event-ID`, and leaving it does not cancel the run.
 */
export async function startedRunStream(workspaceId: string, runId: string, signal: AbortSignal): Promise<Response> {
  const stream = await streamRunEvents(workspaceId, runId, 0, signal);
  const headers = new Headers(stream.headers);
  headers.set("Location", `/api/v1/runs/${encodeURIComponent(runId)}`);
  return new Response(stream.body, { status: 201, headers });
}

/**
 * Where a client resumes: the seq of the last event it has, from `Last-Event-ID` (what
 * EventSource sends on reconnect) or `?after=` (what a page asks for on its first connect).
 * A reconnect repeats the first URL, so when both come the header is the newer position and
 * wins. Both follow `resumePositionSchema`, and a bad value in either answers 400 whichever
 * carries it: a garbage header never overrides a valid query. With neither, the stream starts
 * at the beginning. (HTTP itself strips the spaces around a header value, not a query's.)
 */
export function resumeSeq(request: Request): number {
  const queried = new URL(request.url).searchParams.getAll("after");
  if (queried.length > 1) throw badPosition("after", "The after query parameter must be given once.");
  const fromQuery = parsePosition("after", "after query parameter", queried[0] ?? null);
  const fromHeader = parsePosition("Last-Event-ID", "Last-Event-ID header", request.headers.get("last-event-id"));
  return fromHeader ?? fromQuery ?? 0;
}

function parsePosition(field: string, name: string, raw: string | null): number | null {
  if (raw === null) return null;
  const parsed = resumePositionSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return badPosition(field, `The ${name} ${parsed.error.issues[0].message}, not ${JSON.stringify(shown)}.`);
}

function badPosition(field: string, message: string): never {
  throw new AppError("bad_request", message, [{ path: [field], message }]);
}

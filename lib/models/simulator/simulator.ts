import { planTurn } from "./completion";
import { Counter, faultForAttempt, invalidRequest, rateLimited, serverError, SIMULATED_HEADER } from "./faults";
import { abortError, sleep, timingFor } from "./latency";
import { canonicalJson, createRng, hashKey, hashString } from "./random";
import { chatRequestSchema, deriveRequest, issueParam, type ChatRequest } from "./request";
import { completionBody, completionChunks, sseResponse, usageObject, type CompletionMeta } from "./responses";
import { simSpeedFromEnv } from "./speed";
import { topicOf } from "./topic";
import { DEFAULT_CATALOG } from "../catalog";
import type { CompatProfile } from "../providers/kinds";
import { promptTokenSequence } from "../tokens";
import { PrefixCache } from "./usage";

/** How the simulator behaves. */
export interface SimulatorOptions {
  /** Speed-up factor over realistic latency (see `SIM_SPEED`): 3 is three times faster, 0 instant. Default `TIERFLOW_SIM_SPEED`, else 1. */
  speed?: number;
  /** Seed mixed into every response; the request's own `seed` parameter is mixed in too. */
  seed?: number;
  /**
   * Which optional parameters it accepts, as a vendor's compatibility layer would: one that
   * refuses `stream_options` or `json_schema` answers 400 as real vendors do. Default: all of them.
   */
  compat?: Partial<Pick<CompatProfile, "streamUsage" | "jsonSchema">>;
  /** The model ids `GET /models` lists. Default: the default catalog's. */
  models?: readonly string[];
}

/** An OpenAI-compatible Chat Completions endpoint, in-process. State lives in the instance. */
export interface Simulator {
  /** A `fetch` to hand the `openai` SDK client. */
  fetch: typeof fetch;
  /** Serves one HTTP request (`POST …/chat/completions`); mountable as a route handler. */
  handle(request: Request): Promise<Response>;
}

// Chunks a cut stream delivers before the connection "drops".
const CUT_AFTER_PIECES = 3;

/** Creates a simulator. Same request + same seed gives the same output, across instances and runs. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const speed = options.speed ?? simSpeedFromEnv();
  const attempts = new Counter();
  const revisions = new Counter();
  const cache = new PrefixCache();
  let served = 0;

  async function completions(request: Request): Promise<Response> {
    let raw: unknown;
    try {
      raw = await request.json();
    } catch {
      return invalidRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
      );
    }
    const parsed = chatRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issueParam(issue.path);
      return invalidRequest(param ? `Invalid value for '${param}': ${issue.message}.` : issue.message, param);
    }
    const refused = refusedParam(parsed.data, options.compat);
    if (refused) return invalidRequest(refused.message, refused.param);
    const req = deriveRequest(parsed.data);
    const requestKey = hashKey(canonicalJson(parsed.data));

    const fault = faultForAttempt(req.directives, attempts, requestKey);
    if (fault === "429") return rateLimited(req.model);
    if (fault === "500" || (fault === "cut" && !req.stream)) return serverError();

    const seed = hashString(`${options.seed ?? 0}:${parsed.data.seed ?? 0}`);
    const rng = createRng(hashString(canonicalJson({ ...parsed.data, stream: null, stream_options: null }), seed));
    const topic = topicOf(req);
    const turn = planTurn({ req, topic, rng, revisions, commit: fault !== "cut" });
    const prompt = promptTokenSequence({ messages: req.body.messages, tools: req.body.tools, schema: req.schemaInPrompt ? undefined : req.schema });
    const cached = fault === "cut" ? 0 : cache.lookupAndStore(req.model, prompt);
    const usage = usageObject(prompt.length, cached, turn);
    const timing = timingFor(req.model, { uncachedPromptTokens: prompt.length - cached, reasoningTokens: turn.reasoningTokens }, speed, rng.fork("latency"));
    const meta: CompletionMeta = {
      id: `chatcmpl-sim${(++served).toString(36)}${requestKey.slice(0, 12)}`,
      created: Math.floor(Date.now() / 1000),
      model: req.model,
    };
    const headers = { "x-request-id": `req_sim_${requestKey}_${served}`, "openai-model": req.model };

    if (!req.stream) {
      await sleep(timing.firstTokenMs + timing.perTokenMs * turn.outputTokens, request.signal);
      return Response.json(completionBody(meta, turn, usage), { headers: { [SIMULATED_HEADER]: "1", ...headers } });
    }
    const stop = new AbortController();
    if (request.signal.aborted) throw abortError();
    request.signal.addEventListener("abort", () => stop.abort(), { once: true });
    const chunks = completionChunks(
      { meta, turn, usage, timing, includeUsage: req.includeUsage, ...(fault === "cut" ? { cutAfter: CUT_AFTER_PIECES } : {}) },
      stop.signal,
    );
    return sseResponse(chunks, stop, headers);
  }

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method === "GET" && pathname.replace(/\/+$/, "").endsWith("/models")) {
      const ids = options.models ?? Object.keys(DEFAULT_CATALOG.models);
      return Response.json({ object: "list", data: ids.map((id) => ({ id, object: "model", created: 0, owned_by: "tierflow-simulator" })) }, { headers: { [SIMULATED_HEADER]: "1" } });
    }
    if (!pathname.replace(/\/+$/, "").endsWith("/chat/completions")) {
      return invalidRequest(`Invalid URL (${request.method} ${pathname})`, null, 404);
    }
    if (request.method !== "POST") return invalidRequest(`Invalid method for URL (${request.method} ${pathname})`, null, 405);
    return completions(request);
  }

  return {
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
  };
}

/** The parameter a compatibility profile refuses, worded like the vendors' 400s. */
function refusedParam(body: ChatRequest, compat: SimulatorOptions["compat"]): { message: string; param: string } | null {
  if (compat?.streamUsage === false && body.stream_options) {
    return { message: "Unrecognized request argument supplied: stream_options", param: "stream_options" };
  }
  if (compat?.jsonSchema === false && body.response_format?.type === "json_schema") {
    return { message: "Invalid value for 'response_format.type': 'json_schema' is not supported by this server.", param: "response_format" };
  }
  return null;
}

/**
 * Property-based tests of the API (fast-check): random and mutated graph documents, run
 * bodies and resume positions thrown at the route handlers. Whatever comes in, the answer is
 * never a 5xx or a thrown error, and a 4xx says what was wrong: the node or field it concerns.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { anyGraph, fieldValue, issueNamingProblems } from "@/lib/graph/arbitraries";
import { requireWellFormedGraph } from "@/lib/graphs/validation";
import { cancelRun, createShareLink, runFinished, startRun } from "@/lib/runs";
import { GET as getShareEvents } from "../share/[token]/events/route";
import { POST as createGraph } from "./graphs/route";
import { GET as getGraph, PUT as updateGraph } from "./graphs/[id]/route";
import { POST as estimate } from "./graphs/[id]/estimate/route";
import { POST as startRunRoute } from "./graphs/[id]/runs/route";
import { GET as getEvents } from "./runs/[id]/events/route";

let cookie = "";
const authed = requestsAs(() => cookie);
let workspaceId = "";
let graphId = "";
let runId = "";
let token = "";
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
/** `FUZZ_SCALE=10` runs ten times the cases, for a deeper search than CI's. */
const runs = (n: number) => Math.round(n * Number(process.env.FUZZ_SCALE ?? 1));
const consoleErrors = vi.spyOn(console, "error");

beforeAll(async () => {
  cookie = (await signUpForTest({ name: "Fuzzer" })).cookie;
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  graphId = (await db.graph.create({ data: { workspaceId, name: "Fuzzed", document: TEMPLATES[0].graph as object } })).id;
  runId = (await startRun(workspaceId, graphId, { input: "A finished run to resume", simulation: { speed: 0 } })).id;
  await runFinished(runId);
  token = (await createShareLink(workspaceId, runId, { hidePrompts: true, createdById: null })).token;
  consoleErrors.mockClear();
});

afterAll(() => {
  // Unhandled errors are logged on their way to a 500: none may have happened.
  expect(consoleErrors).not.toHaveBeenCalled();
});

/** A request body: JSON of a value, or text that is not JSON at all. */
type Body = { json: unknown } | { text: string };
const bodyText = (body: Body) => ("text" in body ? body.text : (JSON.stringify(body.json) ?? ""));
/** What the server sees of a JSON body: NaN and Infinity arrive as null, undefined fields not at all. */
const asSent = (body: Body): unknown => ("text" in body ? undefined : JSON.parse(JSON.stringify({ v: body.json })).v);

const notJson = fc.oneof(fc.constantFrom("{", "[1,", "nul", "{'a':1}", "\u0000", '{"input": "x",}'), fc.string({ maxLength: 8 }).filter((s) => s.trim() !== "" && !isJson(s)));
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A body for `fields`: each present or not, of the expected shape or any other; or no object at all. */
function bodyOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }).map((json): Body => ({ json })) },
    { weight: 1, arbitrary: fieldValue.map((json): Body => ({ json })) },
    { weight: 1, arbitrary: notJson.map((text): Body => ({ text })) },
  );
}

const graphBody = bodyOf({ name: fc.oneof(fc.constantFrom("Fuzz graph", "  padded  "), fieldValue), graph: anyGraph, version: fc.oneof(fc.integer({ min: 0, max: 3 }), fieldValue) });
const taskText = fc.oneof(fc.constantFrom("Summarise the design doc", " ", "\ud800 lone surrogate"), fc.string({ unit: "binary", maxLength: 40 }), fieldValue);
const runBody = bodyOf({
  input: taskText,
  budgetUsd: fc.oneof(fc.double({ min: -1, max: 20_000 }), fieldValue),
  simulation: fc.oneof(fc.record({ speed: fc.oneof(fc.constantFrom(0, 1, 101, -1), fieldValue), seed: fc.oneof(fc.integer({ min: -1, max: 2 ** 33 }), fieldValue) }, { requiredKeys: [] }), fieldValue),
});
const estimateBody = bodyOf({ input: taskText, graph: anyGraph });

/**
 * What is wrong with an answer (an empty list when nothing is): a 5xx; a 4xx that is not an
 * error body, or whose problems do not each say which field (and, for a graph, which node).
 */
async function answerProblems(response: Response, body: Body, graphField: string | null): Promise<string[]> {
  if (response.status >= 500) return [`answered ${response.status}: ${await response.text()}`];
  if (response.status < 400) return [];
  const { error } = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
  if (!error || typeof error.code !== "string" || typeof error.message !== "string" || error.message.length < 10) return [`no error body: ${JSON.stringify(error)}`];
  const sent = asSent(body) as Record<string, unknown> | undefined;
  if (error.code === "invalid_graph") {
    const { errors } = error.details as { errors: Parameters<typeof issueNamingProblems>[1] };
    if (!graphField || errors.length === 0) return [`a graph error without issues: ${JSON.stringify(error)}`];
    return issueNamingProblems(sent?.[graphField], errors);
  }
  if (error.code === "unprocessable") {
    const details = error.details as { path: unknown; message: unknown }[];
    return details.flatMap((detail) =>
      // A problem with the body as a whole has an empty path; any other names its field.
      Array.isArray(detail.path) && typeof detail.message === "string" && (detail.path.length > 0 || /request body/i.test(detail.message)) ? [] : [`does not name its field: ${JSON.stringify(detail)}`],
    );
  }
  return [];
}

const post = (url: string, body: Body, method = "POST") => authed(url, { method, body: bodyText(body), headers: { "content-type": "application/json" } });

describe("the graph and run routes, property-based", () => {
  it("answer any graph body to POST /graphs and PUT /graphs/:id without a 5xx, naming what is wrong", async () => {
    await fc.assert(
      fc.asyncProperty(graphBody, fc.boolean(), async (body, update) => {
        const response = update
          ? await updateGraph(post(`http://test/api/v1/graphs/${graphId}`, body, "PUT"), params({ id: graphId }))
          : await createGraph(post("http://test/api/v1/graphs", body), params({} as Record<string, never>));
        expect(await answerProblems(response, body, "graph")).toEqual([]);
        if (response.status >= 300) return;
        // What was accepted reads back as a well-formed graph (problems may be listed, as saves allow).
        const { id } = (await response.json()) as { id: string };
        const stored = await getGraph(authed(`http://test/api/v1/graphs/${id}`), params({ id }));
        expect(stored.status).toBe(200);
        const { graph } = (await stored.json()) as { graph: unknown };
        expect(() => requireWellFormedGraph(graph)).not.toThrow();
      }),
      { numRuns: runs(300) },
    );
  });

  it("answer any estimate body without a 5xx, naming what is wrong", async () => {
    await fc.assert(
      fc.asyncProperty(estimateBody, async (body) => {
        const response = await estimate(post(`http://test/api/v1/graphs/${graphId}/estimate`, body), params({ id: graphId }));
        expect(await answerProblems(response, body, "graph")).toEqual([]);
      }),
      { numRuns: runs(200) },
    );
  });

  it("answer any run body without a 5xx, naming what is wrong", async () => {
    // A valid graph, whatever the other properties stored in it.
    await db.graph.update({ where: { id: graphId }, data: { document: TEMPLATES[0].graph as object } });
    await fc.assert(
      fc.asyncProperty(runBody, async (body) => {
        const response = await startRunRoute(post(`http://test/api/v1/graphs/${graphId}/runs`, body), params({ id: graphId }));
        if (response.status === 201) {
          const { id } = (await response.clone().json()) as { id: string };
          await cancelRun(workspaceId, id).catch(() => undefined);
          await runFinished(id);
        }
        expect(await answerProblems(response, body, null)).toEqual([]);
      }),
      { numRuns: runs(150) },
    );
  });
});

/** Header values a client could send: printable ASCII and tabs (fetch refuses anything else). */
const headerValue = fc.oneof(fc.constantFrom("0", "1", "2147483647", "9223372036854775808", "0x10", "1e3", "-1", " 5", "5abc", ""), fc.stringMatching(/^[\t\x20-\x7e]{0,24}$/));
const queryValue = fc.oneof(headerValue, fc.string({ unit: "binary", maxLength: 12 }));
const position = fc.record({ header: fc.option(headerValue, { nil: undefined }), query: fc.option(queryValue, { nil: undefined }) });

describe("the event streams, property-based", () => {
  it.each([
    ["the run's stream", (headers: HeadersInit, query: string) => getEvents(authed(`http://test/api/v1/runs/${runId}/events${query}`, { headers }), params({ id: runId }))],
    ["a share link's stream", (headers: HeadersInit, query: string) => getShareEvents(new Request(`http://test/api/share/${token}/events${query}`, { headers }), params({ token }))],
  ])("%s answers any resume position with the stream, a 204 or a 400 naming the field", async (_name, stream) => {
    await fc.assert(
      fc.asyncProperty(position, async ({ header, query }) => {
        const response = await stream(header === undefined ? {} : { "Last-Event-ID": header }, query === undefined ? "" : `?after=${encodeURIComponent(query)}`);
        expect([200, 204, 400]).toContain(response.status);
        if (response.status === 200) await response.body?.cancel();
        if (response.status !== 400) return;
        const { error } = await response.json();
        expect(error.message).toMatch(/^The (Last-Event-ID header|after query parameter) must be/);
        expect([["Last-Event-ID"], ["after"]]).toContainEqual(error.details[0].path);
      }),
      { numRuns: runs(200) },
    );
  });
});

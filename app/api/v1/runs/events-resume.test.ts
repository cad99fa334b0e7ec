import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { createShareLink, runFinished, startRun } from "@/lib/runs";
import { GET as getShareEvents } from "../../share/[token]/events/route";
import { GET as getEvents } from "./[id]/events/route";

/**
 * Resume positions on both event streams: one strict rule for `Last-Event-ID` and `?after=`,
 * a 400 that names the bad one, and 204 once an ended run has nothing more to send.
 */

let cookie = "";
const authed = requestsAs(() => cookie);
let runId = "";
let token = "";
let lastSeq = 0;
const params = <P>(value: P) => ({ params: Promise.resolve(value) });

type Stream = (headers: Record<string, string>, query: string) => Promise<Response>;
const streams: [string, Stream][] = [
  ["the run's stream", (headers, query) => getEvents(authed(`http://test/api/v1/runs/${runId}/events${query}`, { headers }), params({ id: runId }))],
  ["a share link's stream", (headers, query) => getShareEvents(new Request(`http://test/api/share/${token}/events${query}`, { headers }), params({ token }))],
];

const seqsOf = async (response: Response) => [...(await response.text()).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

beforeAll(async () => {
  cookie = (await signUpForTest({ name: "Resumer" })).cookie;
  const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  const graph = await db.graph.create({ data: { workspaceId, name: "Resume", document: TEMPLATES[0].graph as object } });
  runId = (await startRun(workspaceId, graph.id, { input: "Document the billing module", simulation: { speed: 0 } })).id;
  await runFinished(runId);
  lastSeq = (await db.run.findUniqueOrThrow({ where: { id: runId } })).lastSeq;
  token = (await createShareLink(workspaceId, runId, { hidePrompts: false, createdById: null })).token;
});

afterEach(() => vi.restoreAllMocks());

const BAD = ["9223372036854775808", "2147483648", "0x10", "1e3", "-1", "+5", "5abc", "05", "1.0", ""];

describe.each(streams)("resuming %s", (_name, stream) => {
  it.each(BAD)("answers 400 to Last-Event-ID %j, naming the header", async (value) => {
    const logged = vi.spyOn(console, "error");
    const response = await stream({ "Last-Event-ID": value }, "");
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toMatch(/^The Last-Event-ID header must be a whole number from 0 to 2147483647/);
    expect(error.details).toEqual([{ path: ["Last-Event-ID"], message: error.message }]);
    expect(logged).not.toHaveBeenCalled();
  });

  it.each([...BAD, " 5", "5 ", "٣"])("answers 400 to ?after=%j, naming the parameter", async (value) => {
    const response = await stream({}, `?after=${encodeURIComponent(value)}`);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toMatch(/^The after query parameter must be a whole number/);
    expect(error.details[0].path).toEqual(["after"]);
  });

  it("lets neither a bad header nor a bad query hide behind a good other one", async () => {
    expect((await stream({ "Last-Event-ID": "0x10" }, "?after=3")).status).toBe(400);
    expect((await stream({ "Last-Event-ID": "3" }, "?after=1e3")).status).toBe(400);
    expect((await stream({}, "?after=3&after=4")).status).toBe(400);
  });

  it("resumes after a valid position, the header winning over the query it was reconnected with", async () => {
    expect(await seqsOf(await stream({}, `?after=${lastSeq - 2}`))).toEqual([lastSeq - 1, lastSeq]);
    expect(await seqsOf(await stream({ "Last-Event-ID": String(lastSeq - 1) }, "?after=1"))).toEqual([lastSeq]);
    expect((await seqsOf(await stream({ "Last-Event-ID": "0" }, "")))[0]).toBe(1);
    // HTTP strips the spaces around a header value itself, so " 5" arrives as "5".
    expect((await seqsOf(await stream({ "Last-Event-ID": " 5" }, "")))[0]).toBe(6);
  });

  it("answers 204 once the run has ended and the client has its last event, or is past it", async () => {
    for (const position of [lastSeq, lastSeq + 1, 2_147_483_647]) {
      for (const response of [await stream({ "Last-Event-ID": String(position) }, ""), await stream({}, `?after=${position}`)]) {
        expect(response.status).toBe(204);
        expect(await response.text()).toBe("");
      }
    }
  });
});
